/**
 * A seeded generator of realistic press releases for the speed benchmark: every document is different
 * (organisations, people, places, numbers, dates, quotes and sentence order vary), with the shapes real
 * releases have: a headline, a dateline, targets and figures, quotes with titles, background and a contact.
 * Not a test corpus: nothing here is annotated.
 *
 *   node scripts/gen-corpus.mjs DIR N [SEED]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** mulberry32: a small, fast PRNG with a 32-bit state, so a seed gives the same corpus anywhere. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ORG_HEADS = ['Ministry of Energy', 'Department of Transport', 'Environmental Protection Agency', 'Development and Reform Commission', 'Port Authority', 'Water Corporation', 'Energy Regulator', 'Institute of Technology', 'Bureau of Statistics', 'Forest Service', 'Housing Trust', 'Health Service'];
const COMPANIES = ['Northwind', 'Helios', 'Quantix', 'Rheinwerk', 'Sakura', 'Bluewater', 'Everpeak', 'Granite', 'Solent', 'Meridian', 'Aurora', 'Kestrel', 'Larchmont', 'Oakridge', 'Tidewater', 'Vantage'];
const SUFFIX = ['Group', 'Holdings', 'Energy', 'Motors', 'Steel', 'Logistics', 'Pharmaceuticals', 'Foods', 'Airlines', 'Utilities'];
const PLACES = [['Canberra', 'AUD'], ['Washington', 'USD'], ['London', 'GBP'], ['Brussels', 'EUR'], ['Ottawa', 'CAD'], ['Chongqing', 'CNY'], ['Guangzhou', 'CNY'], ['Denver', 'USD'], ['Sydney', 'AUD'], ['Munich', 'EUR'], ['Osaka', 'JPY'], ['Toronto', 'CAD'], ['Singapore', 'SGD'], ['Wellington', 'NZD']];
const FIRST = ['Maria', 'James', 'Priya', 'Chen', 'Laura', 'Ahmed', 'Sofia', 'David', 'Aiko', 'Tomas', 'Grace', 'Olumide', 'Elena', 'Marcus', 'Ingrid', 'Rahul', 'Fatima', 'Lucas', 'Hannah', 'Kwame'];
const LAST = ['Ortega', 'Whitcombe', 'Raman', 'Zhao', 'Thornquist', 'Okonjo', 'Lindqvist', 'Moreno', 'Takahashi', 'Novak', 'Fitzgerald', 'Adeyemi', 'Petrov', 'Schneider', 'Haddad', 'Kowalski', 'Brennan', 'Silva', 'Nakamura', 'Mensah'];
const TITLES = ['chief executive officer', 'deputy director', 'minister for climate and energy', 'chief sustainability officer', 'head of research', 'general manager', 'deputy administrator', 'chief financial officer', 'director of operations', 'mayor'];
const METRICS = [['greenhouse gas emissions', '%'], ['water use', '%'], ['energy intensity', '%'], ['landfill waste', '%'], ['diesel consumption', '%'], ['plastic packaging', '%']];
const THINGS = ['electric buses', 'charging points', 'homes', 'hectares of forest', 'jobs', 'apprenticeships', 'megawatts of solar capacity', 'kilometres of rail', 'tonnes of recycled steel', 'students'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const VERBS = ['said', 'added', 'noted', 'explained', 'stressed'];

export function generate(n, seed = 42) {
  const r = rng(seed);
  const pick = a => a[Math.floor(r() * a.length)];
  const int = (lo, hi) => lo + Math.floor(r() * (hi - lo + 1));
  const docs = [];
  for (let i = 0; i < n; i++) {
    const year = int(2019, 2026), month = int(0, 11), day = int(1, 28);
    const [place] = pick(PLACES);
    const org = r() < 0.5 ? `${pick(COMPANIES)} ${pick(SUFFIX)}` : `${place} ${pick(ORG_HEADS)}`;
    const short = org.split(' ')[0];
    const p1 = `${pick(FIRST)} ${pick(LAST)}`, p2 = `${pick(FIRST)} ${String.fromCharCode(65 + int(0, 25))}. ${pick(LAST)}`;
    const [metric] = pick(METRICS);
    const cut = int(10, 80), target = int(year + 3, 2050), base = int(2005, year - 1);
    const amount = (int(5, 9000) / 10).toFixed(1), count = int(12, 90000).toLocaleString('en-US'), thing = pick(THINGS);
    const pct = (int(5, 250) / 10).toFixed(1), share = int(5, 95);
    const qtr = pick(['first', 'second', 'third', 'fourth']);
    const paras = [];
    paras.push(`${place.toUpperCase()}, ${MONTHS[month]} ${day}, ${year} -- ${org} today announced a plan to cut ${metric} by ${cut}% by ${target}, compared with ${base} levels, and to invest $${amount} million in ${thing} over the next ${int(2, 10)} years.`);
    const body = [
      `The plan commits ${short} to install ${count} ${thing} by the end of ${year + int(1, 4)} and to source ${share}% of its electricity from renewable sources by ${target - int(0, 3)}.`,
      `"This is the most ambitious program in our history," said ${p1}, ${pick(TITLES)} of ${org}. "We will report our progress every year and we expect the first results in the ${qtr} quarter."`,
      `In ${year - 1}, ${short} reduced ${metric} by ${pct}% and employed ${int(200, 40000).toLocaleString('en-US')} people in ${int(2, 40)} countries, according to its annual report.`,
      `${p2}, ${pick(TITLES)} at the ${place} ${pick(ORG_HEADS)}, said the commitment would help the region meet its ${target} goal. "Targets matter only when they are measured," ${p2.split(' ').pop()} ${pick(VERBS)}.`,
      `Revenue rose ${pct}% to $${(int(10, 5000) / 10).toFixed(1)} billion in the ${qtr} quarter, while operating costs fell ${int(1, 15)}% from a year earlier.`,
      `The program will be reviewed in ${MONTHS[int(0, 11)]} ${year + 1}, and an independent panel will publish its findings on ${pick(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'])}.`,
      `Since ${base}, the company has planted ${int(1, 900).toLocaleString('en-US')},000 trees and restored ${int(10, 5000).toLocaleString('en-US')} hectares of wetland, ${pick(VERBS)} ${p1.split(' ')[1]}.`,
      `According to ${p2}, about ${share} percent of suppliers have set their own targets, up from ${int(1, Math.max(2, share - 1))} percent last year.`,
      `Under the plan, ${short} will:\n\n- replace ${int(20, 900)} diesel vehicles with electric models by ${year + int(1, 5)};\n- reduce water use at its ${int(2, 30)} sites by ${int(5, 40)}%;\n- train ${int(100, 5000).toLocaleString('en-US')} staff in energy management.`,
      `The announcement follows a consultation that drew ${int(50, 3000).toLocaleString('en-US')} submissions between ${MONTHS[int(0, 5)]} and ${MONTHS[int(6, 11)]} ${year - 1}. Community groups in ${pick(PLACES)[0]} and ${pick(PLACES)[0]} asked for faster action on air quality, while industry associations warned about costs for small suppliers.`,
      `"We heard clearly that people want cleaner air and lower bills," ${p1} told reporters at a press conference on ${pick(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'])}. "Our customers will see the first savings within ${int(6, 30)} months."`,
      `Background: ${metric[0].toUpperCase()}${metric.slice(1)} in the sector fell ${pct}% between ${base} and ${year - 1}, but remain ${int(5, 60)}% above the level needed to meet national commitments for ${target}. The ${place} ${pick(ORG_HEADS)} estimates that the transition will require investment of about $${int(2, 90)} billion a year until ${target}.`,
    ];
    // The forms real releases also use, beyond the common ones above: ranges, multiples, fractions, number
    // words, many date and time expressions, transcripts and other ways of attributing a statement.
    const lo = int(5, 40), hi = lo + int(5, 40), y1 = year + int(1, 6), person = pick(LAST), yy = String(year).slice(2);
    const day2 = `${pick(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'])}`;
    const varied = [
      `Emissions intensity at the ${int(2, 12)} plants is expected to fall between ${lo}% and ${hi}% by ${target}, year on year gains permitting.`,
      `The board approved a ${lo}-${hi}% increase in grid capacity for fiscal ${year + 1}, and a 3-5 GW expansion of offshore wind.`,
      `${short} will raise the share of recycled materials in its products from ${lo}% to ${hi}% by ${y1}.`,
      `Capital spending is budgeted at $${lo}-${hi} million in FY${Number(yy) + 1}, while annual maintenance costs are projected to drop from $${hi} million to $${lo} million.`,
      `Operators in ${place} received ${int(2, 900)} million yuan in subsidies last year, and the regional fund will add between ${lo} and ${hi} million euros.`,
      `Output of green hydrogen doubled in ${year - 1}, battery storage grew ${int(2, 4)}.5 times over the period, and the group aims to triple recycling by ${target}.`,
      `The city has pledged to halve landfill waste by ${target} and to cut fuel use by a quarter within five years.`,
      `Nearly two-thirds of new cars sold in ${place} last year were electric, and about a third of new buses.`,
      `One in five households already has rooftop solar, and 1 in ${int(3, 9)} firms reports its emissions every quarter.`,
      `Staff numbers will grow from ${int(100, 900).toLocaleString('en-US')} to ${int(1000, 9000).toLocaleString('en-US')} by ${y1}, and the scheme will create ${lo * 10}-${hi * 10} jobs.`,
      `${pick(['Two hundred', 'Three hundred', 'Fifteen hundred'])} volunteers and ${pick(['twelve', 'fifteen', 'forty'])} schools took part in the first phase, ${pick(['five', 'seven', 'ten'])} years ago.`,
      `Solar generation accounted for ${lo}% of the group's output in the ${pick(['first', 'second'])} half of ${year}, up from ${Math.max(1, lo - 4)}% in H1 ${year - 1}.`,
      `The largest single grant, $${int(2, 9)}.${int(1, 9)} million, went to the Port of ${pick(COMPANIES)} Bay, which paid $${int(2, 40)} million for new cranes.`,
      `Exports of clean technology will reach $${int(2, 90)} billion by ${target}, and the agency expects sales of ${int(10, 90)},000 heat pumps in ${y1}.`,
      `The rules cover up to ${hi} percent of eligible costs for small ports, and up to ${lo} percent for larger ones.`,
      `The plan would cut emissions to ${lo}% below ${base} levels, a ${int(2, 9)}% reduction on last year and a ${int(2, 9)}% increase in ambition.`,
      `Revenue for the year ended June 30 was $${int(20, 900)} million, compared with a loss in the ${year - 1} second quarter; Q${int(1, 4)} ${year} results are due on ${year + 1}-0${int(1, 9)}-${int(10, 28)}.`,
      `The tender closes on ${int(1, 28)} ${MONTHS[int(0, 11)]} ${year + 1} at 14:00, and bidders will be told on ${MONTHS[int(0, 11)]} ${int(1, 28)}, ${year + 1}, at 10:30 a.m.`,
      `Crews will work over the weekend and through the Christmas holidays, and again next spring; a first review is planned for autumn ${year + 1}.`,
      `Demand has risen in recent years and currently stands at a record; in the future the agency expects it to double every decade.`,
      `The inspection found that the station had been idle since the 1990s, two weeks before the vote, and that it was repaired later that month.`,
      `The three-year program runs from March next year, with a progress report by the end of the year and daily readings published online.`,
      `The ferry departs each Thursday, and inspections take place every July during the period of the contract.`,
      `"We expect the cranes in the third quarter of ${year + 1}," ${person} said on ${day2} morning, at noon ${day2} the board met again.`,
      `JOURNALIST: How much will the program cost?\n\n${person.toUpperCase()}: About $${int(2, 9)} billion over ten years, and we will publish every contract.`,
      `"The berths will open on time." ― ${pick(FIRST)} ${person}`,
      `${pick(FIRST)} ${person} added:\n\n"The cranes will arrive a month later, and the berths will open in ${MONTHS[int(0, 11)]}."`,
      `As ${pick(FIRST)} ${person}, a researcher at the ${place} Institute of Technology, recently put it, "Did the operators cut their fees or hide them?"`,
      `Citing the long delays at the pier, ${pick(FIRST)} ${person} asked the board for more cranes and warned that costs would rise.`,
      `${pick(FIRST)} ${person} criticised the proposal, saying that it "has not been costed."`,
      `${pick(FIRST)} ${person}, who chairs the ${place} ${pick(ORG_HEADS)}, warned that the grid would need upgrades before ${y1}.`,
      `"The savings are real and they are measurable," said ${pick(FIRST)} ${person}, adding that the first audit would be published next March.`,
      `The targets are achievable, ${pick(FIRST)} ${person} said in a statement, but only with steady funding over the decade.`,
      `MODERATOR: Will the plant close?\n\n${pick(FIRST).toUpperCase()} ${person.toUpperCase()}, ${pick(TITLES).toUpperCase()}: Not in the next ten years, and not without a plan for every worker.`,
      `Contract No. ${int(1000, 9999)} covers the A-${int(300, 380)} fleet and ${int(3, 12)} sites along Route ${int(1, 99)}, listed at www.${short.toLowerCase()}.example/contracts.`,
      `The 3rd phase starts in the twenty-first century's fourth decade, in fiscal ${year + 3}, and the class of '${Number(yy) + 2} will be the first to benefit.`,
    ];
    for (const s of varied) if (r() < 0.18) body.push(s);
    // Every document takes a different subset in a different order.
    for (const s of body) if (r() < 0.8) paras.splice(1 + int(0, paras.length - 1), 0, s);
    const head = r() < 0.15
      ? `Over ${int(2, 9)}00 Suppliers Back ${short} Plan to Cut ${metric.replace(/\b\w/g, c => c.toUpperCase())} ${cut}%`
      : `${short} Sets ${cut}% ${metric.replace(/\b\w/g, c => c.toUpperCase())} Target for ${target}`;
    const tail = [`About ${org}`, `${org} is based in ${place} and employs ${int(100, 90000).toLocaleString('en-US')} people. Document ${i + 1} of ${n}, series ${seed}.`, `Media contact: ${pick(FIRST)} ${pick(LAST)}, press@${short.toLowerCase()}.example, +1 555 ${String(int(1000000, 9999999))}`];
    docs.push({ name: `release-${String(i + 1).padStart(6, '0')}.txt`, text: [head, '', ...paras.flatMap(p => [p, '']), ...tail.flatMap(p => [p, ''])].join('\n') });
  }
  return docs;
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const [dir, n, seed] = process.argv.slice(2);
  mkdirSync(dir, { recursive: true });
  for (const d of generate(Number(n), Number(seed ?? 42))) writeFileSync(join(dir, d.name), d.text);
}
