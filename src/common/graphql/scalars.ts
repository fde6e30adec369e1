import { registerEnumType } from '@nestjs/graphql';
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { GraphQLJSONObject } from 'graphql-scalars';

export { GraphQLJSONObject };

/** Kubernetes' IntOrString: a port number or a port name. */
export const IntOrString = new GraphQLScalarType<number | string, number | string>({
  name: 'IntOrString',
  description: 'A port number (Int) or a port name (String), as Kubernetes IntOrString.',
  serialize: (value) => {
    if (typeof value === 'number' || typeof value === 'string') return value;
    throw new GraphQLError('IntOrString must be an integer or a string');
  },
  parseValue: (value) => {
    if (typeof value === 'number' || typeof value === 'string') return value;
    throw new GraphQLError('IntOrString must be an integer or a string');
  },
  parseLiteral: (ast) => {
    if (ast.kind === Kind.INT) return Number(ast.value);
    if (ast.kind === Kind.STRING) return ast.value;
    throw new GraphQLError('IntOrString must be an integer or a string');
  },
});

export enum ProtocolEnum {
  TCP = 'TCP',
  UDP = 'UDP',
  SCTP = 'SCTP',
}
registerEnumType(ProtocolEnum, { name: 'Protocol', description: 'Transport protocol of a port; TCP when omitted.' });

export enum IsolationEnum {
  both = 'both',
  ingress = 'ingress',
}
registerEnumType(IsolationEnum, {
  name: 'Isolation',
  description: '`both` isolates ingress and egress of every component with flows; `ingress` only ingress.',
});

export enum SelectorOperatorEnum {
  In = 'In',
  NotIn = 'NotIn',
  Exists = 'Exists',
  DoesNotExist = 'DoesNotExist',
}
registerEnumType(SelectorOperatorEnum, { name: 'SelectorOperator' });
