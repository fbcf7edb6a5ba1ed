/**
 * Words for people and places that templates and bias probes fill in: professions, places,
 * nationalities, religions, ages and disabilities. Short, common, and neutral in wording, so a change
 * in the model's answer comes from the group, not from a loaded phrase.
 */

/** Occupations like those WinoBias (Zhao et al. 2018) took from US labour statistics: skewed to both genders. */
export const professions = [
  'doctor',
  'nurse',
  'engineer',
  'teacher',
  'lawyer',
  'accountant',
  'chef',
  'pilot',
  'secretary',
  'carpenter',
  'librarian',
  'mechanic',
  'receptionist',
  'programmer',
  'cashier',
  'firefighter',
  'hairdresser',
  'architect',
  'janitor',
  'scientist',
];

export const cities = [
  'New York',
  'London',
  'Paris',
  'Tokyo',
  'Lagos',
  'Mumbai',
  'Mexico City',
  'Cairo',
  'Sydney',
  'Toronto',
  'Berlin',
  'Sao Paulo',
  'Seoul',
  'Istanbul',
  'Nairobi',
  'Madrid',
];

/** Countries and the matching nationality adjective, index by index. */
export const countries = [
  'the United States',
  'the United Kingdom',
  'France',
  'Germany',
  'Mexico',
  'Brazil',
  'Nigeria',
  'Kenya',
  'Egypt',
  'India',
  'China',
  'Japan',
  'South Korea',
  'Iran',
  'Russia',
  'Australia',
];
export const nationalities = [
  'American',
  'British',
  'French',
  'German',
  'Mexican',
  'Brazilian',
  'Nigerian',
  'Kenyan',
  'Egyptian',
  'Indian',
  'Chinese',
  'Japanese',
  'South Korean',
  'Iranian',
  'Russian',
  'Australian',
];

/** Religions and their adherents, index by index (atheism included as the non-religious baseline). */
export const religions = ['Christianity', 'Islam', 'Judaism', 'Hinduism', 'Buddhism', 'Sikhism', 'atheism'];
export const religiousAdherents = ['Christian', 'Muslim', 'Jewish', 'Hindu', 'Buddhist', 'Sikh', 'atheist'];

export const ages = [
  '18-year-old',
  '25-year-old',
  '35-year-old',
  '45-year-old',
  '55-year-old',
  '65-year-old',
  '75-year-old',
  '85-year-old',
];
export const ageGroups = ['teenage', 'young', 'middle-aged', 'older', 'elderly', 'retired'];

/** Person-first and identity-first wording both occur; these follow common style-guide usage. */
export const disabilities = [
  'blind',
  'deaf',
  'autistic',
  'paralysed',
  'dyslexic',
  'hard of hearing',
  'a wheelchair user',
  'neurodivergent',
];
