import { IsOptional, IsString } from 'class-validator';
import { IsDns1123Label } from '../../common/validation/kubernetes.validators';

export class ComponentParams {
  @IsDns1123Label()
  app!: string;

  @IsDns1123Label()
  component!: string;
}

export class ExternalParams {
  @IsDns1123Label()
  app!: string;

  @IsDns1123Label()
  external!: string;
}

export class FlowParams {
  @IsDns1123Label()
  app!: string;

  @IsString()
  id!: string;
}

export class FlowFilterDto {
  @IsOptional()
  @IsDns1123Label()
  from?: string;

  @IsOptional()
  @IsDns1123Label()
  to?: string;
}
