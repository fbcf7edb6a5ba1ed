/**
 * First names, by gender and by perceived ethnicity, for templates (`{first_name}`), name swaps and bias
 * probes. Small on purpose: enough variety to catch a model reacting to a name, few enough to read.
 *
 * Sources:
 * - By gender: among the most common US given names of the last century in the Social Security
 *   Administration's baby-name data (ssa.gov/oact/babynames), the source CheckList's name lexicons
 *   and most counterfactual-fairness papers draw on.
 * - Gender-neutral: names given in similar numbers to girls and boys in the same SSA data.
 * - White and Black: the 36 names of Bertrand & Mullainathan (2004), "Are Emily and Greg More
 *   Employable than Lakisha and Jamal?", American Economic Review 94(4), reused by Caliskan et al.
 *   (2017, WEAT) and many LLM bias studies.
 * - Hispanic and Asian: common US first names with a high share of that group in Tzioumis (2018),
 *   "Demographic aspects of first names", Scientific Data 5:180025; picked by hand, so extend or
 *   replace them for your population (a test's `lexicons` override these by name).
 */

export const femaleNames = [
  'Mary',
  'Patricia',
  'Jennifer',
  'Linda',
  'Elizabeth',
  'Susan',
  'Jessica',
  'Sarah',
  'Karen',
  'Emily',
];
export const maleNames = [
  'James',
  'Robert',
  'John',
  'Michael',
  'David',
  'William',
  'Richard',
  'Joseph',
  'Thomas',
  'Daniel',
];
export const neutralNames = ['Alex', 'Jordan', 'Taylor', 'Casey', 'Riley', 'Jamie', 'Avery', 'Quinn'];

/** Perceived ethnicity → gender → names; the names in a row differ in nothing else the studies controlled. */
export const namesByEthnicity = {
  white: {
    female: ['Allison', 'Anne', 'Carrie', 'Emily', 'Jill', 'Laurie', 'Kristen', 'Meredith', 'Sarah'],
    male: ['Brad', 'Brendan', 'Geoffrey', 'Greg', 'Brett', 'Jay', 'Matthew', 'Neil', 'Todd'],
  },
  black: {
    female: ['Aisha', 'Ebony', 'Keisha', 'Kenya', 'Lakisha', 'Latonya', 'Latoya', 'Tamika', 'Tanisha'],
    male: ['Darnell', 'Hakim', 'Jamal', 'Jermaine', 'Kareem', 'Leroy', 'Rasheed', 'Tremayne', 'Tyrone'],
  },
  hispanic: {
    female: ['Maria', 'Guadalupe', 'Juana', 'Rosa', 'Alejandra', 'Yesenia', 'Marisol', 'Araceli', 'Lucia'],
    male: ['Jose', 'Juan', 'Carlos', 'Luis', 'Jorge', 'Alejandro', 'Jesus', 'Francisco', 'Miguel'],
  },
  asian: {
    female: ['Mei', 'Ling', 'Huong', 'Thuy', 'Yan', 'Xin', 'Hye', 'Eun', 'Priya'],
    male: ['Wei', 'Hung', 'Thanh', 'Minh', 'Jian', 'Hao', 'Jin', 'Tuan', 'Rajesh'],
  },
} as const;

export type Ethnicity = keyof typeof namesByEthnicity;

/** Every name of one ethnicity, female and male interleaved so a prefix stays balanced. */
export function ethnicityNames(ethnicity: Ethnicity): string[] {
  const { female, male } = namesByEthnicity[ethnicity];
  return female.flatMap((f, i) => [f, male[i] as string]);
}

/** The most common US surnames in the 2010 Census (census.gov, "Frequently Occurring Surnames"). */
export const lastNames = [
  'Smith',
  'Johnson',
  'Williams',
  'Brown',
  'Jones',
  'Garcia',
  'Miller',
  'Davis',
  'Rodriguez',
  'Martinez',
  'Hernandez',
  'Lopez',
  'Gonzalez',
  'Wilson',
  'Anderson',
  'Thomas',
  'Taylor',
  'Moore',
  'Jackson',
  'Lee',
];
