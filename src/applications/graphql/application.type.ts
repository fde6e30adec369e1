import { Field, GraphQLISODateTime, Int, ObjectType } from '@nestjs/graphql';
import { IsolationEnum } from '../../common/graphql/scalars';

@ObjectType('ApplicationSettings')
export class ApplicationSettingsType {
  @Field(() => IsolationEnum)
  isolation!: IsolationEnum;

  @Field()
  dnsEgress!: boolean;
}

@ObjectType('Application')
export class ApplicationType {
  @Field()
  name!: string;

  @Field()
  displayName!: string;

  @Field()
  description!: string;

  @Field()
  defaultNamespace!: string;

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
