import { registerEnumType } from 'type-graphql';

/** Sort direction of every `orderBy` argument; one enum for the whole schema. */
export const OrderDirection = {
  ASC: 'ASC',
  DESC: 'DESC',
} as const;
export type OrderDirection = (typeof OrderDirection)[keyof typeof OrderDirection];

registerEnumType(OrderDirection, {
  name: 'OrderDirection',
  description: 'Which way a list is sorted.',
  valuesConfig: {
    ASC: { description: 'Smallest or oldest first.' },
    DESC: { description: 'Largest or newest first.' },
  },
});
