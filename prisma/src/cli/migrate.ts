// `npm run db:migrate`: applies pending migrations to the configured database
// (DATABASE_URL, or the embedded PGlite database in DATA_DIR).
import { migrateDatabase, openDatabase } from '../database.ts';
import { databaseOptionsFromEnvironment } from './environment.ts';

const database = await openDatabase(databaseOptionsFromEnvironment());
try {
  const applied = await migrateDatabase(database);
  console.log(applied.length === 0 ? 'Database is up to date.' : `Applied: ${applied.join(', ')}`);
} finally {
  await database.close();
}
