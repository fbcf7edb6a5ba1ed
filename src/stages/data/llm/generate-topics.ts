/**
 * The facts synthetic samples are made of: short, correct statements about everyday topics, so a
 * generated set reads like real training data and a model's answers to it can be eyeballed.
 */

export interface Topic {
  name: string;
  /** Completes "<name> is …". */
  gist: string;
  facts: [string, string, string];
}

export const topics: Topic[] = [
  {
    name: 'photosynthesis',
    gist: 'the process plants use to turn light, water and carbon dioxide into sugar and oxygen',
    facts: [
      'It takes place in the chloroplasts of leaf cells.',
      'Chlorophyll absorbs mostly red and blue light, which is why leaves look green.',
      'The oxygen we breathe is a by-product of it.',
    ],
  },
  {
    name: 'machine learning',
    gist: 'a way of building software that learns patterns from examples instead of following hand-written rules',
    facts: [
      'A model is trained on data and then evaluated on data it has not seen.',
      'Overfitting happens when a model memorises its training set.',
      'Supervised learning needs labelled examples.',
    ],
  },
  {
    name: 'the water cycle',
    gist: 'the continuous movement of water between the oceans, the air and the land',
    facts: [
      'The sun heats water, which evaporates into the air.',
      'Water vapour cools and condenses into clouds.',
      'Precipitation returns the water to the ground as rain or snow.',
    ],
  },
  {
    name: 'compound interest',
    gist: 'interest calculated on both the original amount and the interest already earned',
    facts: [
      'It makes savings grow faster the longer they are left alone.',
      'The rule of 72 estimates how many years it takes to double money.',
      'It also makes unpaid debts grow quickly.',
    ],
  },
  {
    name: 'renewable energy',
    gist: 'energy from sources that replenish themselves, such as sunlight, wind and flowing water',
    facts: [
      'Solar panels turn sunlight directly into electricity.',
      'Wind turbines convert the movement of air into power.',
      'It produces far less carbon dioxide than coal or gas.',
    ],
  },
  {
    name: 'quantum computing',
    gist: 'computing with qubits, which can hold a mix of zero and one at the same time',
    facts: [
      'Qubits can be entangled so that measuring one affects the other.',
      'Some problems, like factoring large numbers, could become much faster.',
      "Today's machines are small and sensitive to noise.",
    ],
  },
  {
    name: 'a black hole',
    gist: 'a region of space where gravity is so strong that not even light can escape',
    facts: [
      'Many form when a massive star collapses at the end of its life.',
      'The boundary around one is called the event horizon.',
      'The first image of one was published in 2019.',
    ],
  },
  {
    name: 'vaccination',
    gist: 'training the immune system to recognise a germ before a real infection',
    facts: [
      'Vaccines often contain a weakened or inactive part of the germ.',
      'It helps protect people who cannot be vaccinated through herd immunity.',
      'Smallpox was eradicated thanks to vaccination.',
    ],
  },
  {
    name: 'the Moon',
    gist: "the Earth's only natural satellite, about a quarter as wide as the Earth",
    facts: [
      'It always shows the same face to the Earth.',
      'Its gravity causes most of the ocean tides.',
      'Twelve astronauts walked on it between 1969 and 1972.',
    ],
  },
  {
    name: 'plate tectonics',
    gist: "the theory that the Earth's outer shell is split into large plates that slowly move",
    facts: [
      'Plates move a few centimetres a year, about as fast as fingernails grow.',
      'Earthquakes and volcanoes cluster along plate boundaries.',
      'The Himalayas rose where two plates collided.',
    ],
  },
  {
    name: 'the immune system',
    gist: 'the network of cells and organs that defends the body against infection',
    facts: [
      'White blood cells find and destroy invaders.',
      'Antibodies recognise specific germs.',
      'It remembers past infections, so the second response is faster.',
    ],
  },
  {
    name: 'cloud computing',
    gist: 'renting computing power and storage over the internet instead of owning the machines',
    facts: [
      'Customers pay for what they use.',
      'Capacity can grow or shrink within minutes.',
      'Data is usually copied across several data centres.',
    ],
  },
  {
    name: 'inflation',
    gist: 'the general rise in prices over time, which lowers what money can buy',
    facts: [
      'Central banks often aim for about two percent a year.',
      'It is usually measured with a consumer price index.',
      'Raising interest rates is a common way to slow it down.',
    ],
  },
  {
    name: 'DNA',
    gist: 'the molecule that carries the genetic instructions of living things',
    facts: [
      'It is shaped like a twisted ladder called a double helix.',
      'Its code is written with four bases: A, C, G and T.',
      'Genes are stretches of it that describe proteins.',
    ],
  },
  {
    name: 'unit testing',
    gist: 'checking the smallest parts of a program, such as single functions, in isolation',
    facts: [
      'Good unit tests are fast and do not depend on each other.',
      'They catch regressions when code changes.',
      'A test that cannot fail proves nothing.',
    ],
  },
  {
    name: 'a coral reef',
    gist: 'an underwater structure built by colonies of tiny animals called polyps',
    facts: [
      'Coral reefs cover less than one percent of the ocean floor but shelter a quarter of marine species.',
      'Warm water can cause corals to bleach.',
      'The Great Barrier Reef is the largest.',
    ],
  },
  {
    name: 'sleep',
    gist: 'the regular state of rest in which the body recovers and the brain sorts memories',
    facts: [
      'Adults usually need seven to nine hours a night.',
      'Dreams happen mostly during REM sleep.',
      'Screens late at night can delay falling asleep.',
    ],
  },
  {
    name: 'the internet',
    gist: 'a global network of computers that exchange data using shared protocols',
    facts: [
      'Data travels in small packets that find their own routes.',
      'DNS translates names like example.com into addresses.',
      'It grew out of ARPANET, a research network from 1969.',
    ],
  },
  {
    name: 'a volcano',
    gist: "an opening in the Earth's crust where molten rock, ash and gas escape",
    facts: [
      'Molten rock is called magma underground and lava once it erupts.',
      'The Pacific Ring of Fire holds most active volcanoes.',
      'Volcanic ash makes very fertile soil.',
    ],
  },
  {
    name: 'public speaking',
    gist: 'presenting ideas to a live audience clearly and with confidence',
    facts: [
      'Rehearsing out loud is the best cure for nerves.',
      'A talk is easier to follow with three main points.',
      'Pausing is more effective than filler words.',
    ],
  },
];

/** Openings of system prompts. */
export const systemPrompts = [
  'You are a helpful assistant.',
  'You are a patient tutor who explains things simply.',
  'You are a concise assistant. Answer in a few sentences.',
  'You are a friendly science communicator.',
];

/** The requirement documents' small-talk pairs, with their variations of the greetings. */
export const smallTalk: { inputs: string[]; output: string }[] = [
  { inputs: ['Hello', 'Hi', 'Hey', 'Hello there', 'Greetings'], output: 'Hi there!' },
  {
    inputs: ['How are you?', "How's it going?", 'How are you doing?', "What's up?"],
    output: "I'm doing well, thank you!",
  },
  { inputs: ["What's your name?"], output: "I'm an AI assistant." },
  {
    inputs: ['Tell me a joke'],
    output: "Why don't scientists trust atoms? Because they make up everything!",
  },
  { inputs: ["What's the weather like?"], output: "I don't have access to current weather data." },
];
