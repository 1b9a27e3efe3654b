import { Query, Resolver } from 'type-graphql';
import { productVersion } from './health.ts';

/** Facts about the running API itself. */
@Resolver()
export class SystemResolver {
  @Query(() => String, { description: 'Version of the Confide API serving this request.' })
  apiVersion(): string {
    return productVersion;
  }
}
