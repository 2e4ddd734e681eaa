/**
 * The detection rules, one behaviour at a time, on a small inline knowledge base (test/unit/detect-test-kb.ts)
 * so that they hold whatever the real data says.
 */
import { describe, expect, it } from 'vitest';
import { createDetector, detectAll, type Mention } from '../../src/core/detect/index';
import { compileKnowledge } from '../../src/core/knowledge/compile';
import { KnowledgeBase } from '../../src/core/knowledge/query';
import { TEST_FILES, testKb } from './detect-test-kb';

const kb = testKb();
const detector = createDetector(kb);

/** Mentions as compact strings: "text=entity/kind". */
function found(text: string, date: string): string[] {
  return detectAll(kb, text, date).map((m) => `${m.text}=${m.entity}/${m.kind}`);
}

function one(text: string, date: string): Mention[] {
  return detectAll(kb, text, date);
}

describe('names, aliases and typography', () => {
  it('finds organisations and places by name and alias, longest surface first', () => {
    expect(found('Hitachi Rail builds trains in Newton Aycliffe; Hitachi says Aycliffe is busy.', '2025-01-10')).toEqual([
      'Hitachi Rail=hitachi-rail/name',
      'Newton Aycliffe=newton-aycliffe/name',
      'Hitachi=hitachi-rail/alias',
      'Aycliffe=newton-aycliffe/alias',
    ]);
  });

  it('matches headline capitals, and excludes a possessive from the span (straight, curly and bare apostrophe)', () => {
    const text = "HITACHI JOBS BOOST. Hitachi's plan, Hitachi’s staff and minister Jonathan Reynolds’ view.";
    const ms = one(text, '2025-01-10');
    expect(ms.map((m) => m.text)).toEqual(['HITACHI', 'Hitachi', 'Hitachi', 'Jonathan Reynolds']);
    for (const m of ms) expect(text.slice(m.start, m.end)).toBe(m.text);
  });

  it('matches names broken by no-break spaces, line breaks and soft hyphens, with offsets into the original text', () => {
    const text = 'In Newton\u00a0Aycliffe and Newton\n  Aycliffe, Hita\u00adchi staff met the minister, Jonathan\nReynolds.';
    const ms = one(text, '2025-01-10');
    expect(ms.map((m) => [m.entity, m.text])).toEqual([
      ['newton-aycliffe', 'Newton\u00a0Aycliffe'],
      ['newton-aycliffe', 'Newton\n  Aycliffe'],
      ['hitachi-rail', 'Hita\u00adchi'],
      ['jonathan-reynolds', 'Jonathan\nReynolds'],
    ]);
  });

  it('recognises distinct entities so the longer name wins, but never returns them', () => {
    expect(found('Hitachi Energy and Aycliffe Village are not Hitachi Rail.', '2025-01-10')).toEqual(['Hitachi Rail=hitachi-rail/name']);
  });

  it('does not take an alias that is part of some other proper name', () => {
    expect(found('Hitachi Vantara and Aycliffe Business Park are elsewhere.', '2025-01-10')).toEqual([]);
    expect(found('the Mayor of Great Aycliffe said', '2025-01-10')).toEqual([]);
  });

  it('keeps an alias before a capitalised common noun (Title Case headlines, train classes)', () => {
    expect(found('Hitachi Class 800 Trains Roll Out of Aycliffe Factory', '2025-01-10')).toEqual([
      'Hitachi=hitachi-rail/alias',
      'Aycliffe=newton-aycliffe/alias',
    ]);
  });

  it('ignores lower-case words that happen to spell a name', () => {
    expect(found('the hitachi logo and newton aycliffe in lower case', '2025-01-10')).toEqual([]);
  });
});

describe('honorifics and short forms need the document to say who is meant', () => {
  it('links "Mr Reynolds" and "Reynolds" after the full name, with the title inside the span', () => {
    expect(found('Jonathan Reynolds spoke in the Commons. Later Mr Reynolds said more, and Reynolds left.', '2023-06-01')).toEqual([
      'Jonathan Reynolds=jonathan-reynolds/name',
      'Mr Reynolds=jonathan-reynolds/honorific',
      'Reynolds=jonathan-reynolds/name',
    ]);
  });

  it('does not link a short form of someone out of office when the document never named them', () => {
    // 2023: Reynolds held no office; nothing in the text says who "Mr Reynolds" is.
    expect(found('Mr Reynolds said the plan was wrong. Reynolds left.', '2023-06-01')).toEqual([]);
  });

  it('links a short form through a role resolved earlier in the document', () => {
    expect(found('The Transport Secretary visited. Ms Haigh said trains matter.', '2024-09-01')).toEqual([
      'Transport Secretary=louise-haigh/role',
      'Ms Haigh=louise-haigh/honorific',
    ]);
  });

  it('includes "The Rt Hon" and "MP" in a styled full name', () => {
    const ms = one('Speech by The Rt Hon John Healey MP at the dinner.', '2025-01-28');
    expect(ms.map((m) => [m.text, m.entity, m.kind])).toEqual([['The Rt Hon John Healey MP', 'john-healey', 'honorific']]);
  });

  it('includes post-nominals in a styled name', () => {
    expect(found('By The Rt Hon Sir Keir Starmer KCB KC MP, Prime Minister', '2025-01-10')[0]).toBe('The Rt Hon Sir Keir Starmer KCB KC MP=keir-starmer/honorific');
  });

  it('treats "Sir Keir Starmer" as an honorific full name and "Sir Keir" as a short form', () => {
    expect(found('Sir Keir Starmer arrived. Sir Keir spoke.', '2025-01-10')).toEqual([
      'Sir Keir Starmer=keir-starmer/honorific',
      'Sir Keir=keir-starmer/honorific',
    ]);
  });

  it('links the bare surname of a sitting cabinet minister mid-sentence, as headlines write it', () => {
    expect(found("May's Budget war with Hammond amid fears", '2017-11-16')).toEqual([
      'May=theresa-may/name',
      'Hammond=philip-hammond/name',
    ]);
  });

  it('links a sitting minister\'s surname opening a headline, unless the surname is also an everyday word', () => {
    expect(found('Reynolds refuses to say if the government can keep furnaces running', '2025-04-13')).toEqual(['Reynolds=jonathan-reynolds/name']);
    expect(found('Hunt for the missing walker goes on', '2023-06-01')).toEqual([]);
    expect(found('Tories clash with Hunt over tax', '2023-06-01')).toEqual(['Hunt=jeremy-hunt/name']);
    expect(found('Jeremy Hunt spoke. Hunt said the Budget would cut taxes.', '2023-06-01')).toEqual(['Jeremy Hunt=jeremy-hunt/name', 'Hunt=jeremy-hunt/name']);
  });

  it('prefers the holder of a single-holder cabinet office when two sitting ministers share a surname', () => {
    const kb2 = new KnowledgeBase(
      compileKnowledge([
        ...TEST_FILES.filter((f) => f.path !== 'offices/test.json'),
        {
          path: 'offices/test.json',
          data: {
            offices: [
              ...(TEST_FILES.find((f) => f.path === 'offices/test.json')!.data as { offices: object[] }).offices,
              { id: 'minister-without-portfolio', name: 'Minister without Portfolio', shortName: 'Minister without Portfolio', titles: [], department: 'Cabinet Office', cabinet: true, holders: 'multiple', from: '2010-05-11', to: null, source: 'https://example.org/test-data' },
            ],
          },
        },
        {
          path: 'people/ellie-reeves.json',
          data: {
            id: 'ellie-reeves', type: 'person', name: 'Ellie Reeves', surname: 'Reeves', names: [], shortForms: ['Ms Reeves'], summary: 'Test person.',
            summarySource: 'https://example.org/test-data', parties: [], seats: [], facts: [],
            tenures: [{ office: 'minister-without-portfolio', from: '2024-07-06', to: null, evidenceAsOf: '2026-01-01', source: 'https://example.org/test-data' }],
          },
        },
      ]),
    );
    expect(detectAll(kb2, 'PMQs: Starmer under fire as Reeves in tears', '2025-07-02').map((m) => m.entity)).toEqual(['keir-starmer', 'rachel-reeves']);
  });

  it('links a full name with a common surname only in a text about politics, a distinctive one anywhere', () => {
    expect(found('Jonathan Reynolds scored twice for the reserves on Saturday.', '2025-01-10')).toEqual([]);
    expect(found('Jonathan Reynolds, the minister, scored twice for the Commons team.', '2025-01-10')).toEqual(['Jonathan Reynolds=jonathan-reynolds/name']);
    expect(found('Kemi Badenoch scored twice on Saturday.', '2025-01-10')).toEqual(['Kemi Badenoch=kemi-badenoch/name']);
  });

  it('links a bare surname by the date alone only in a text about politics', () => {
    expect(found('Reeves, the physio, said the squad was fit for Saturday.', '2025-01-10')).toEqual([]);
    expect(found('Reeves, the Labour chancellor, said taxes would rise.', '2025-01-10')).toEqual(['Reeves=rachel-reeves/name', 'chancellor=rachel-reeves/role']);
    // Once the document is about politics, later paragraphs need no political word of their own.
    const ctx = detector.newContext('2025-01-10');
    expect(detector.detect('The Prime Minister spoke first.', ctx).map((m) => m.entity)).toEqual(['keir-starmer']);
    expect(detector.detect('Later that day Reeves arrived at the factory.', ctx).map((m) => m.entity)).toEqual(['rachel-reeves']);
  });

  it('does not link other people who share a surname, nor short forms after them', () => {
    expect(found('Ryan Reynolds starred. Mr Reynolds joked. Denis Healey was Chancellor.', '2025-01-10')).toEqual([]);
    expect(found('Eric Reeves wrote the report. Mr. Reeves said so. Reeves added more.', '2025-01-10')).toEqual([]);
  });

  it('does not link an honorific short form that starts someone else\'s longer name', () => {
    expect(found('Sir Keir Hardie founded the party. Sir Keir MP spoke.', '2025-01-10')).toEqual(['Sir Keir=keir-starmer/honorific']);
  });

  it('does not link a surname used as a first name or inside a longer name', () => {
    expect(found('A photo by Cooper Neill and a song by Kyle Walker. The Hague court.', '2025-01-10')).toEqual([]);
  });

  it('reads "May" as the month or the verb when the words around say so', () => {
    const date = '2017-11-16';
    expect(found('In May the vote was held. On 5 May, and May 2017, and May 8, and early May.', date)).toEqual([]);
    expect(found('May I ask a question? May we all agree.', date)).toEqual([]);
    expect(found('the plan may fail', date)).toEqual([]);
  });
});

describe('role titles resolve to the holder on the article date', () => {
  it('resolves by date, with the span excluding "the"', () => {
    const ms = one('the Transport Secretary said', '2023-12-14');
    expect(ms).toEqual([{ start: 4, end: 23, text: 'Transport Secretary', entity: 'mark-harper', name: 'Mark Harper', kind: 'role', office: 'transport-secretary' }]);
    expect(found('the Transport Secretary said', '2024-12-06')).toEqual(['Transport Secretary=heidi-alexander/role']);
  });

  it('gives a changeover day to the new holder', () => {
    expect(found('the Prime Minister said', '2024-07-05')).toEqual(['Prime Minister=keir-starmer/role']);
    expect(found('the Prime Minister said', '2024-07-04')).toEqual(['Prime Minister=rishi-sunak/role']);
  });

  it('lets the name carry the mention when a title stands next to it', () => {
    expect(found('Business Secretary Jonathan Reynolds visited.', '2025-01-10')).toEqual(['Jonathan Reynolds=jonathan-reynolds/name']);
    expect(found('said the Business Secretary, Jonathan Reynolds.', '2025-01-10')).toEqual(['Jonathan Reynolds=jonathan-reynolds/name']);
  });

  it('lets a title vouch for a bare surname beside it only when the surname is the holder\'s', () => {
    // Lord Hendy holds a junior office: his bare surname needs the title beside it.
    expect(found('Rail Minister Hendy said trains matter.', '2025-01-10')).toEqual(['Hendy=peter-hendy/name']);
    expect(found('Hendy said trains matter.', '2025-01-10')).toEqual([]);
    // A former holder named with the title: the name is the mention, the title links no one.
    expect(found('Transport Secretary Louise Haigh quit.', '2025-01-10')).toEqual(['Louise Haigh=louise-haigh/name']);
  });

  it('keeps a title before a Title Case headline verb, but not before someone else\'s name', () => {
    expect(found('Prime Minister Visits Hitachi Plant', '2025-01-10')).toEqual(['Prime Minister=keir-starmer/role', 'Hitachi=hitachi-rail/alias']);
    expect(found('Prime Minister Benjamin Netanyahu visits London', '2025-01-10')).toEqual([]);
  });

  it('resolves a bare "Secretary of State" to the department the document has named', () => {
    expect(found('To ask the Secretary of State for Transport. The Secretary of State replied.', '2024-04-16')).toEqual([
      'Secretary of State for Transport=mark-harper/role',
      'Secretary of State=mark-harper/role',
    ]);
    expect(found('The Secretary of State replied.', '2024-04-16')).toEqual([]);
    // A title of a department without a Secretary of State (the Treasury) does not change the department.
    expect(found('Department for Transport. The Chancellor spoke, then the Secretary of State replied.', '2024-04-16')).toEqual([
      'Chancellor=jeremy-hunt/role',
      'Secretary of State=mark-harper/role',
    ]);
  });

  it('reads "PM" as the Prime Minister only in capitals and not as a time', () => {
    expect(found('The PM said so at 12:35 PM, at 10 PM UTC and at 3pm.', '2025-01-10')).toEqual(['PM=keir-starmer/role']);
    expect(found('the pm said', '2025-01-10')).toEqual([]);
  });
});

describe('role titles that are not the current UK holder', () => {
  const date = '2025-01-10';
  it.each([
    ['shadow office', 'the shadow Transport Secretary said'],
    ['Shadow with a capital', 'Shadow Business Secretary Andrew Griffith said'],
    ['former holder', 'the former Prime Minister said'],
    ['outgoing holder', 'the outgoing Defence Secretary said'],
    ['ex-', 'the ex-PM said'],
    ['appointed as', 'she was appointed Transport Secretary in July'],
    ['resigned as', 'he resigned as Defence Secretary last year'],
    ['became', 'he became Prime Minister in 2024'],
    ['role of', 'to hold the role of Defence Secretary'],
    ['foreign adjective', 'the Australian Prime Minister said'],
    ['foreign adjective, lower case', 'the Israeli defence minister said'],
    ["country's", "Israel's prime minister said"],
    ['of another country', 'the Prime Minister of Israel said'],
    ['foreign chancellor', 'German Chancellor Angela Merkel said'],
    ['Lord Chancellor is another office', 'the Lord Chancellor said'],
    ['vice-chancellor', 'the university vice-chancellor said'],
    ['generic', 'an effective prime minister would'],
    ['possessive pronoun', 'he accepted the resignation of his defence minister'],
    ['title of a named other person', 'Prime Minister Benjamin Netanyahu said'],
    ['plural', 'ministers and Prime Ministers and Transport Secretaries met'],
    ['devolved office', 'the Scottish Transport Secretary said'],
    ['moved from one title to another', 'he moved from Transport Secretary to Business Secretary'],
    ['a second title coordinated with a predicative one', 'she was appointed Transport Secretary and Business Secretary'],
    ['choosing a new one', 'MPs will choose new prime minister by July'],
    ['generic through quoted adjectives', 'he called her a “strong and capable Prime Minister” today'],
  ])('%s: %s', (_why, text) => {
    expect(found(text, date)).toEqual([]);
  });

  it('keeps a title foreign for the rest of a document once it was used for a foreign government', () => {
    const d = createDetector(kb);
    const ctx = d.newContext('2015-03-18');
    expect(d.detect('Israeli Prime Minister Benjamin Netanyahu won.', ctx)).toEqual([]);
    expect(d.detect('The prime minister told supporters he would form a coalition.', ctx)).toEqual([]);
    // Without the first paragraph the same sentence is the UK prime minister.
    expect(found('The prime minister told supporters he would form a coalition.', '2024-10-01')).toEqual(['prime minister=keir-starmer/role']);
  });
});

describe('the document context carries across chunks', () => {
  it('remembers a full name from an earlier chunk, with offsets into each chunk', () => {
    const ctx = detector.newContext('2023-06-01');
    expect(detector.detect('Jonathan Reynolds spoke first in the Commons.', ctx).map((m) => m.entity)).toEqual(['jonathan-reynolds']);
    const second = detector.detect('Then Mr Reynolds replied.', ctx);
    expect(second).toEqual([
      { start: 5, end: 16, text: 'Mr Reynolds', entity: 'jonathan-reynolds', name: 'Jonathan Reynolds', kind: 'honorific' },
    ]);
    const fresh = detector.newContext('2023-06-01');
    expect(detector.detect('Then Mr Reynolds replied.', fresh)).toEqual([]);
  });

  it('rejects a context it did not make', () => {
    expect(() => detector.detect('Hitachi', {})).toThrow(TypeError);
  });
});
