/** The unit project's property specs run at a tenth of their size (test/support/property-runs.ts). */
process.env.FLOWPOLICY_PROPERTY_RUNS ??= 'quick';
