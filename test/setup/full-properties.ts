/** The slow project runs the property specs at full size (test/support/property-runs.ts). */
process.env.FLOWPOLICY_PROPERTY_RUNS ??= 'full';
