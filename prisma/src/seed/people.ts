import { Faker, base, en, ru, uk, type LocaleDefinition } from '@faker-js/faker';
import { phoneNumber } from './sites.ts';
import { phraseBanks, transliterate, type Language } from './phrases.ts';
import type { SeededRandom } from './random.ts';

export type Person = {
  firstName: string;
  lastName: string;
  name: string;
  jobTitle: string;
  company: string;
  /** Lower-case, as most people type it; callers vary case and spacing where they want to. */
  email: string;
  phone?: string;
};

const personalDomains = ['example.com', 'example.net', 'example.org'];

/** Visitors with names, titles and addresses that fit their language and country. */
export class PeopleFactory {
  readonly #fakers: Record<Language, Faker>;

  constructor(
    private readonly rng: SeededRandom,
    now: Date,
  ) {
    // All three share the one random stream, so the order of calls alone decides the output.
    // Faker calls the randomizer's methods unbound.
    const randomizer = { next: () => rng.next(), seed: (value: number | number[]) => rng.seed(value) };
    const make = (locale: LocaleDefinition[]) => {
      const faker = new Faker({ locale, randomizer });
      faker.setDefaultRefDate(now);
      return faker;
    };
    this.#fakers = { en: make([en, base]), uk: make([uk, en, base]), ru: make([ru, en, base]) };
  }

  person(language: Language, country: string, options: { phoneChance: number }): Person {
    const { rng } = this;
    const faker = this.#fakers[language];
    const sex = rng.chance(0.5) ? 'female' : 'male';
    const firstName = faker.person.firstName(sex);
    const lastName = faker.person.lastName(sex);
    const bank = phraseBanks[language];
    const [company, companyDomain] = rng.pick(bank.companies);
    const first = transliterate(firstName, language).replace(/[^a-z]/g, '');
    const last = transliterate(lastName, language).replace(/[^a-z]/g, '');
    const local = rng.weighted<string>([
      [`${first}.${last}`, 5],
      [`${first[0] ?? ''}${last}`, 2],
      [`${first}_${last}${rng.between(1, 99)}`, 1],
      [`${first}${rng.between(1970, 2004)}`, 1],
    ]);
    const domain = rng.chance(0.6) ? `${companyDomain}.example` : rng.pick(personalDomains);
    const person: Person = {
      firstName,
      lastName,
      name: `${firstName} ${lastName}`,
      jobTitle: rng.pick(bank.jobTitles),
      company,
      email: `${local}@${domain}`,
    };
    if (rng.chance(options.phoneChance)) person.phone = phoneNumber(country, rng);
    return person;
  }
}
