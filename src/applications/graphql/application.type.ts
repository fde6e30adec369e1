import { Field, GraphQLISODateTime, Int, ObjectType } from '@nestjs/graphql';
import { IsolationEnum } from '../../common/graphql/scalars';

@ObjectType('ApplicationSettings')
export class ApplicationSettingsType {
  @Field(() => IsolationEnum)
  isolation!: IsolationEnum;

  @Field()
  dnsEgress!: boolean;
}

@ObjectType('OwnedNamespace', {
  description: 'A namespace the application owns: its components live there, its policies land there.',
})
export class OwnedNamespaceType {
  @Field()
  namespace!: string;

  @Field({ description: 'An admin allowed other applications to own it too.' })
  shared!: boolean;

  @Field({
    description:
      'Several applications (or a reserved namespace) were found using it when ownership began: it works until an admin confirms or revokes the grant.',
  })
  conflict!: boolean;

  @Field(() => GraphQLISODateTime)
  grantedAt!: Date;
}

@ObjectType('NamespaceOwner')
export class NamespaceOwnerType {
  @Field()
  application!: string;

  @Field()
  conflict!: boolean;

  @Field(() => GraphQLISODateTime)
  grantedAt!: Date;
}

@ObjectType('OwnedNamespaceEntry', { description: 'A namespace some application owns, with every owner (admin only).' })
export class OwnedNamespaceEntryType {
  @Field()
  namespace!: string;

  @Field()
  shared!: boolean;

  @Field({
    description: "kube-system, kube-public, kube-node-lease or the service's own namespace (FLOWPOLICY_NAMESPACE).",
  })
  reserved!: boolean;

  @Field({ description: "Some grant of it awaits an admin's decision." })
  conflict!: boolean;

  @Field(() => [NamespaceOwnerType])
  owners!: NamespaceOwnerType[];
}

@ObjectType('OwnedNamespacePage')
export class OwnedNamespacePageType {
  @Field(() => [OwnedNamespaceEntryType])
  items!: OwnedNamespaceEntryType[];

  @Field(() => Int)
  total!: number;
}

@ObjectType('Application')
export class ApplicationType {
  @Field()
  name!: string;

  @Field()
  displayName!: string;

  @Field()
  description!: string;

  @Field({ description: 'Namespace of components that do not name one; always one of ownedNamespaces.' })
  defaultNamespace!: string;

  @Field(() => [OwnedNamespaceType], { description: 'In name order.' })
  ownedNamespaces!: OwnedNamespaceType[];

  @Field(() => ApplicationSettingsType)
  settings!: ApplicationSettingsType;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime)
  updatedAt!: Date;
}

@ObjectType('ApplicationPage')
export class ApplicationPageType {
  @Field(() => [ApplicationType])
  items!: ApplicationType[];

  @Field(() => Int)
  total!: number;
}
