/**
 * A small inline knowledge base for the rule tests, so they do not depend on the real data. It is test data
 * for the engine's rules, not a source of facts: summaries and sources are placeholders.
 */
import { compileKnowledge, type RawKnowledgeFile } from '../../src/core/knowledge/compile';
import { KnowledgeBase } from '../../src/core/knowledge/query';

const SRC = 'https://example.org/test-data';

function office(id: string, name: string, shortName: string, titles: string[], department: string, cabinet = true, holders: 'single' | 'multiple' = 'single') {
  return { id, name, shortName, titles, department, cabinet, holders, from: '2010-05-11', to: null, source: SRC };
}

function person(
  id: string,
  name: string,
  surname: string,
  shortForms: string[],
  tenures: [string, string, string | null][],
  names: string[] = [],
) {
  return {
    path: `people/${id}.json`,
    data: {
      id, type: 'person', name, surname, names, shortForms, summary: 'Test person.', summarySource: SRC,
      parties: [], seats: [], facts: [],
      tenures: tenures.map(([office, from, to]) => ({ office, from, to, source: SRC, ...(to === null ? { evidenceAsOf: '2026-01-01' } : {}) })),
    },
  };
}

function org(id: string, type: 'organisation' | 'place', name: string, aliases: string[], scope: 'core' | 'distinct') {
  return {
    path: `${type === 'place' ? 'places' : 'organisations'}/${id}.json`,
    data: { id, type, name, aliases, scope, summary: 'Test entity.', summarySource: SRC, facts: [], timeline: [], related: [] },
  };
}

export const TEST_FILES: RawKnowledgeFile[] = [
  { path: 'meta.json', data: { knowledgeAsOf: '2026-01-01' } },
  {
    path: 'offices/test.json',
    data: {
      offices: [
        office('prime-minister', 'Prime Minister of the United Kingdom', 'Prime Minister', ['Prime Minister', 'PM', 'premier'], 'Prime Minister’s Office'),
        office('transport-secretary', 'Secretary of State for Transport', 'Transport Secretary', ['Transport Secretary', 'Secretary of State for Transport'], 'Department for Transport'),
        office('business-and-trade-secretary', 'Secretary of State for Business and Trade', 'Business and Trade Secretary', ['Business Secretary', 'Business and Trade Secretary', 'Trade Secretary'], 'Department for Business and Trade'),
        office('defence-secretary', 'Secretary of State for Defence', 'Defence Secretary', ['Defence Secretary', 'defence minister'], 'Ministry of Defence'),
        office('chancellor-of-the-exchequer', 'Chancellor of the Exchequer', 'Chancellor', ['Chancellor'], 'HM Treasury'),
        office('rail-minister', 'Minister of State for Rail', 'Rail Minister', ['rail minister', 'Minister for Rail'], 'Department for Transport', false),
      ],
    },
  },
  person('keir-starmer', 'Keir Starmer', 'Starmer', ['Sir Keir', 'Mr Starmer'], [['prime-minister', '2024-07-05', null]], ['Sir Keir Starmer']),
  person('rishi-sunak', 'Rishi Sunak', 'Sunak', ['Mr Sunak'], [['prime-minister', '2022-10-25', '2024-07-05']]),
  person('theresa-may', 'Theresa May', 'May', ['Mrs May'], [['prime-minister', '2016-07-13', '2019-07-24']]),
  person('philip-hammond', 'Philip Hammond', 'Hammond', ['Mr Hammond'], [['chancellor-of-the-exchequer', '2016-07-13', '2019-07-24']]),
  person('jeremy-hunt', 'Jeremy Hunt', 'Hunt', ['Mr Hunt'], [['chancellor-of-the-exchequer', '2022-10-14', '2024-07-05']]),
  person('jonathan-reynolds', 'Jonathan Reynolds', 'Reynolds', ['Mr Reynolds'], [['business-and-trade-secretary', '2024-07-05', '2025-09-05']]),
  person('kemi-badenoch', 'Kemi Badenoch', 'Badenoch', ['Mrs Badenoch', 'Ms Badenoch'], [['business-and-trade-secretary', '2023-02-07', '2024-07-05']]),
  person('peter-kyle', 'Peter Kyle', 'Kyle', ['Mr Kyle'], [['business-and-trade-secretary', '2025-09-05', null]]),
  person('mark-harper', 'Mark Harper', 'Harper', ['Mr Harper'], [['transport-secretary', '2022-10-25', '2024-07-05']]),
  person('louise-haigh', 'Louise Haigh', 'Haigh', ['Ms Haigh'], [['transport-secretary', '2024-07-05', '2024-11-29']]),
  person('heidi-alexander', 'Heidi Alexander', 'Alexander', ['Ms Alexander'], [['transport-secretary', '2024-11-29', null]]),
  person('john-healey', 'John Healey', 'Healey', ['Mr Healey'], [['defence-secretary', '2024-07-05', null]]),
  person('rachel-reeves', 'Rachel Reeves', 'Reeves', ['Ms Reeves'], [['chancellor-of-the-exchequer', '2024-07-05', null]]),
  person('huw-merriman', 'Huw Merriman', 'Merriman', ['Mr Merriman'], [['rail-minister', '2022-10-27', '2024-07-05']]),
  person('peter-hendy', 'Peter Hendy', 'Hendy', ['Lord Hendy'], [['rail-minister', '2024-07-09', null]], ['Lord Hendy of Richmond Hill']),
  org('hitachi-rail', 'organisation', 'Hitachi Rail', ['Hitachi', 'Hitachi Rail Europe'], 'core'),
  org('hitachi-energy', 'organisation', 'Hitachi Energy', [], 'distinct'),
  org('newton-aycliffe', 'place', 'Newton Aycliffe', ['Aycliffe'], 'core'),
  org('aycliffe-village', 'place', 'Aycliffe Village', ['School Aycliffe'], 'distinct'),
];

export function testKb(): KnowledgeBase {
  return new KnowledgeBase(compileKnowledge(TEST_FILES));
}
