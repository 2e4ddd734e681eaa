/**
 * Knowledge base command line, for maintainers checking the data without a browser.
 *
 *   npm run kb -- validate
 *   npm run kb -- holder transport-secretary 2024-09-12
 *   npm run kb -- title "Business Secretary" 2025-09-10
 *   npm run kb -- offices jonathan-reynolds 2024-09-12
 *   npm run kb -- entity hitachi-rail
 *   npm run kb -- candidates Reynolds
 *   npm run kb -- facts hitachi-rail 2024-09-12
 *   npm run kb -- timeline hitachi-rail 2024-09-12
 *   npm run kb -- stats
 */
import { KnowledgeError } from '../core/knowledge/compile';
import { IsoDateSchema } from '../core/knowledge/schema';
import { KnowledgeBase } from '../core/knowledge/query';
import { loadKnowledge } from '../knowledge/load-node';
import * as v from 'valibot';

function fail(message: string): never {
  process.stderr.write(`kb: ${message}\n`);
  process.exit(2);
}

function date(arg: string | undefined): string {
  if (arg === undefined) return new Date().toISOString().slice(0, 10);
  if (!v.is(IsoDateSchema, arg)) fail(`"${arg}" is not a date written YYYY-MM-DD`);
  return arg;
}

function print(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

function main(argv: string[]): void {
  const [command, ...args] = argv;
  let kb: KnowledgeBase;
  try {
    kb = new KnowledgeBase(loadKnowledge());
  } catch (err) {
    if (err instanceof KnowledgeError) fail(err.message);
    throw err;
  }
  switch (command) {
    case 'validate': {
      const people = kb.entities.filter((e) => e.type === 'person').length;
      process.stdout.write(`ok: ${kb.entities.length} entities (${people} people), ${kb.offices.length} offices, knowledge as of ${kb.knowledgeAsOf}\n`);
      return;
    }
    case 'holder': {
      const [officeId, d] = args;
      if (!officeId) fail('usage: kb holder OFFICE-ID [YYYY-MM-DD]');
      if (!kb.office(officeId)) fail(`unknown office "${officeId}"`);
      const on = date(d);
      if (!kb.office(officeId)) fail(`unknown office: ${officeId} (see: kb offices)`);
      const holders = kb.holdersOn(officeId, on);
      const vacancy = kb.vacancyOn(officeId, on);
      const unknown = kb.holderUnknownOn(officeId, on);
      if (!holders.length && vacancy) print({ vacant: true, ...vacancy });
      else if (!holders.length && unknown) print({ holderUnknown: true, ...unknown });
      else print(holders.map((h) => ({ person: h.person.id, name: h.person.name, from: h.tenure.from, to: h.tenure.to, source: h.tenure.source })));
      return;
    }
    case 'title': {
      const [title, d] = args;
      if (!title) fail('usage: kb title "Business Secretary" [YYYY-MM-DD]');
      const h = kb.holderOfTitleOn(title, date(d));
      print(h ? { person: h.person.id, name: h.person.name, office: h.office.id, from: h.tenure.from, to: h.tenure.to } : null);
      return;
    }
    case 'offices': {
      const [personId, d] = args;
      if (!personId || !kb.person(personId)) fail(`unknown person "${personId ?? ''}"`);
      print(kb.officesHeldOn(personId, date(d)).map((h) => ({ office: h.office.id, name: h.office.shortName, from: h.tenure.from, to: h.tenure.to })));
      return;
    }
    case 'entity': {
      const e = args[0] ? kb.entity(args[0]) : undefined;
      if (!e) fail(`unknown entity "${args[0] ?? ''}"`);
      print(e);
      return;
    }
    case 'candidates': {
      if (!args[0]) fail('usage: kb candidates SURFACE');
      print(kb.candidatesFor(args.join(' ')).map((e) => ({ id: e.id, name: e.name })));
      return;
    }
    case 'facts':
      print(kb.factsAsOf(args[0] ?? '', date(args[1])));
      return;
    case 'timeline':
      print(kb.timelineUntil(args[0] ?? '', date(args[1])));
      return;
    case 'stats': {
      const byType: Record<string, number> = {};
      for (const e of kb.entities) byType[e.type] = (byType[e.type] ?? 0) + 1;
      print({ knowledgeAsOf: kb.knowledgeAsOf, entities: byType, offices: kb.offices.length });
      return;
    }
    default:
      fail('commands: validate, holder, title, offices, entity, candidates, facts, timeline, stats');
  }
}

main(process.argv.slice(2));
