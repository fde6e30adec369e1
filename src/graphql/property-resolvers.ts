import { isObjectType, type GraphQLSchema } from 'graphql';

/**
 * Nest gives every field of a code-first object type a resolver that only reads the property of the
 * same name (its `rootFieldResolver`). graphql-jit calls a field's resolver through a resolve info
 * built per call, while a field without one is read inline: for the portal's allowedFlows (hundreds
 * of flows, each with two peers and port ranges) those calls were most of the execution. Removing them
 * changes no answer: graphql's default resolver reads the same property (our response objects are
 * plain data, no methods), and no field of ours has a defaultValue for Nest's resolver to apply.
 */
export function dropPropertyResolvers(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.resolve?.name === 'rootFieldResolver') field.resolve = undefined;
    }
  }
  return schema;
}
