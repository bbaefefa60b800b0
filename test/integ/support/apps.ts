import { AppProps } from 'aws-cdk-lib';
import { WriterIntegApp } from './integ-app';
import { buildExistingBucketApp } from '../integ.existing-bucket';
import { buildExistingFunctionApp } from '../integ.existing-function';
import { buildKmsBucketKeyOffApp } from '../integ.kms-bucket-key-off';
import { buildKmsNewKeyApp } from '../integ.kms-new-key';
import { buildMultipartApp } from '../integ.multipart';
import { buildS3ManagedApp } from '../integ.s3-managed';
import { buildTagsAbacApp } from '../integ.tags-abac';
import { buildVpcEndpointApp } from '../integ.vpc-endpoint';

/** Every integ app, by the file name the README's commands use (`test/integ/integ.<name>.ts`). */
export const INTEG_APPS: Record<string, (appProps?: AppProps) => WriterIntegApp> = {
  's3-managed': buildS3ManagedApp,
  'kms-new-key': buildKmsNewKeyApp,
  'kms-bucket-key-off': buildKmsBucketKeyOffApp,
  'tags-abac': buildTagsAbacApp,
  'multipart': buildMultipartApp,
  'existing-bucket': buildExistingBucketApp,
  'existing-function': buildExistingFunctionApp,
  'vpc-endpoint': buildVpcEndpointApp,
};
