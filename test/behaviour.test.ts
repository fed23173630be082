/**
 * Engine behaviours that no single rule's examples show: list lead-ins, the dateline's dollar, the
 * reference-date policy, quotation continuation, entity merging. Each asserts the values a user would check.
 */
import { describe, expect, it } from 'vitest';
import { extract } from '../dist/index.js';

describe('a list takes its lead-in', () => {
  const r = extract([
    '# Plan', '', 'Under the plan, the agency will:', '', '1. replant 1.8 million acres of burned land;', '2. reopen 140 campgrounds.', '',
  ].join('\n'), { path: 'plan.md', referenceDate: '2024-09-10' });
  it('makes its items targets', () => {
    expect(r.targets.map(t => [t.value, t.unit])).toEqual([[1800000, 'ac'], [140, '']]);
    expect(r.figures).toEqual([]);
  });
});

describe('the dateline decides what "$" is', () => {
  it('is AUD in Canberra and USD in Washington', () => {
    const au = extract('Title\n\nCANBERRA, 12 March 2024 -- The government will invest $2.4 billion by 2030.\n', { path: 'a.txt' });
    const us = extract('Title\n\nWASHINGTON, March 12, 2024 -- The agency will invest $2.4 billion by 2030.\n', { path: 'b.txt' });
    expect(au.targets[0]?.unit).toBe('AUD');
    expect(us.targets[0]?.unit).toBe('USD');
  });
});

describe('the reference-date policy', () => {
  const r = extract([
    'Title', '',
    'The minister said on Tuesday that talks will resume on Friday.',
    'Sales rose 5% in the second quarter, up from 4% a year earlier.',
    'The plant opened in late November and will expand next March.',
    'Margins narrowed in the fourth quarter. Results for the third quarter will be published in October.',
    'In January, the board approved the plan. The merger, which would be completed in August, was announced on Monday.', '',
  ].join('\n'), { path: 'p.txt', referenceDate: '2024-06-12' });
  const v = (text: string) => r.dates.filter(d => d.text === text).map(d => d.value);
  it('resolves weekdays in the direction of their clause', () => {
    expect(v('Tuesday')).toEqual(['2024-06-11']);
    expect(v('Friday')).toEqual(['2024-06-14']);
  });
  it('anchors "a year earlier" on the period the sentence is about', () => {
    expect(v('the second quarter')).toEqual(['2024-Q2']);
    expect(v('a year earlier')).toEqual(['2023-Q2']);
  });
  it('puts a past quarter that has not begun in the year before, and a future one in this year', () => {
    expect(v('the fourth quarter')).toEqual(['2023-Q4']);
    expect(v('the third quarter')).toEqual(['2024-Q3']);
  });
  it('reads the tense of a sentence-opening date from its main clause, and of a passive from its auxiliary', () => {
    expect(v('January')).toEqual(['2024-01']);
    expect(v('August')).toEqual(['2024-08']);
    expect(v('Monday')).toEqual(['2024-06-10']);
  });
  it('puts a past month before the reference date and a future one after it', () => {
    expect(r.dates.find(d => d.text === 'late November')).toMatchObject({ value: '2023-11', mod: 'END' });
    expect(v('next March')).toEqual(['2025-03']);
  });
});

describe('the focus: the period a report is about', () => {
  const r = extract([
    'Title', '',
    'Third-quarter profit rose to $5 million from $4 million a year ago. The company expects fourth-quarter sales to grow.',
    'In the latest quarter, margins widened. Last month, the company hired 20 engineers. Costs fell from a year earlier.',
    'The 2023 quarter included a $1 million charge, and year-ago results were restated.', '',
  ].join('\n'), { path: 'q.txt', referenceDate: '2024-11-02' });
  const v = (text: string) => r.dates.filter(d => d.text === text).map(d => d.value);
  it('is not taken by an outlook for a period still running, nor by a month inside a quarter', () => {
    expect(v('fourth-quarter')).toEqual(['2024-Q4']);
    expect(v('the latest quarter')).toEqual(['2024-Q3']);
    expect(v('a year earlier')).toEqual(['2023-Q3']);
  });
  it('is not taken by the earlier period it is compared with', () => {
    expect(v('The 2023 quarter')).toEqual(['2023-Q3']);
    expect(v('year-ago')).toEqual(['2023-Q3']);
  });
  it('moves from a target year to a period that has ended', () => {
    const t = extract('Title\n\nEmissions will fall 90% by 2040. They fell 30% between 1990 and 2022, while the economy grew 60% over the same period.\n',
      { path: 't.txt', referenceDate: '2024-11-02' });
    expect(t.dates.filter(d => d.text === 'the same period').map(d => d.value)).toEqual(['2022']);
  });
});

describe('words that look like times but are not', () => {
  const r = extract([
    'Title', '',
    'Two people were hurt in the blast next to the station on Friday.',
    'The minister said on ABC\'s "This Week With Jane Doe" that talks had stalled, and repeated it on "60 Minutes."',
    'Thousands joined the March for Life, which is held each January.', '',
  ].join('\n'), { path: 'w.txt', referenceDate: '2024-06-12' });
  it('reads "next to" as a place, so a past clause keeps its past weekday', () => {
    expect(r.dates.filter(d => d.text === 'Friday').map(d => d.value)).toEqual(['2024-06-07']);
  });
  it('leaves out quoted programme titles and a march named after its cause', () => {
    expect(r.dates.map(d => [d.text, d.value, d.type])).toEqual([['Friday', '2024-06-07', 'date'], ['each January', 'XXXX-01', 'set']]);
  });
});

describe('a quotation split around its cue and continued in the next paragraph', () => {
  const r = extract([
    'Title', '',
    '"Households will see the benefit first," Karen Mills said. "Every gigawatt takes pressure off prices.', '',
    '"And it means we can close coal plants on schedule."', '',
  ].join('\n'), { path: 'q.txt' });
  it('is one direct statement by one speaker', () => {
    expect(r.speakers.map(s => s.name)).toEqual(['Karen Mills']);
    expect(r.statements.map(s => [s.kind, s.cue, s.text])).toEqual([['direct', 'said', 'Households will see the benefit first']]);
  });
});

describe('speakers the rules find only with help from the document', () => {
  const r = extract([
    'Title', '',
    'During the Two Sessions, Minyon Moore, a senior adviser to the campaign, said turnout would decide the race.', '',
    '"Are we where we need to be? Probably not," Ms. Moore said.', '',
    'Donna Rawlings, 59, of Ashton, Md., who watched the ceremony on a screen, said the event brought back memories.', '',
    '”Fear. I am truly afraid of what comes next.” ― Edwin Monroy', '',
  ].join('\n'), { path: 'p.txt', referenceDate: '2016-09-19' });
  const said = (who: string) => r.statements.filter(s => r.speakers.find(p => p.id === s.speaker_id)?.name === who).map(s => s.text);
  it('looks past a capitalised phrase that is no person to the name after it', () => {
    expect(said('Minyon Moore')[0]).toBe('turnout would decide the race');
  });
  it('resolves "Ms. Moore" to the full name written earlier, though compromise does not know the first name', () => {
    expect(said('Minyon Moore')).toEqual(['turnout would decide the race', 'Are we where we need to be? Probably not']);
  });
  it('reads past several asides between the name and the cue', () => {
    expect(said('Donna Rawlings')).toEqual(['the event brought back memories']);
    // The age is no title.
    expect(r.speakers.find(p => p.name === 'Donna Rawlings')?.title).toBeNull();
  });
  it('takes a closing mark typed where a quotation opens as its opening', () => {
    expect(said('Edwin Monroy')).toEqual(['Fear. I am truly afraid of what comes next.']);
  });
  it('lists each person once', () => {
    expect(r.speakers.map(p => p.name)).toEqual(['Minyon Moore', 'Donna Rawlings', 'Edwin Monroy']);
  });
});

describe('a speaker is named as the text first gives them', () => {
  const names = (lines: string[]) => extract(['Title', '', ...lines].join('\n'), { path: 'f.txt', referenceDate: '2016-09-19' }).speakers.map(p => p.name);
  it('drops an honorific the first mention did not have ("Governor Okafor" before "Mr. Okafor said")', () => {
    expect(names(['Governor Okafor opened the new berth on Monday.', '', 'Mr. Okafor said the cranes were old.'])).toEqual(['Okafor']);
  });
  it('keeps the honorific when the text first gives the person with it', () => {
    expect(names(['Mr. Okafor opened the new berth on Monday.', '', 'Mr. Okafor said the cranes were old.'])).toEqual(['Mr. Okafor']);
  });
  it('reads a headline as the first mention', () => {
    const r = extract(['Okafor Opens the New Berth', '', 'Mr. Okafor said the cranes were old.'].join('\n'), { path: 'h.txt', referenceDate: '2016-09-19' });
    expect(r.speakers.map(p => p.name)).toEqual(['Okafor']);
  });
});

describe('a pronoun stands for a recent speaker of its gender', () => {
  const r = extract([
    'Title', '',
    'Ana Reyes said the ferry would run again in May.', '',
    'Tom Walsh said the fares would rise in June.', '',
    '"The crews are ready," she said.', '',
    '"The timetable is late," he said.', '',
    'Ms. Hart, the harbour master, opened the dock. Lindsey Hart said the dock would stay open all winter.', '',
    'Mr. Okafor said the cranes were old.', '',
    '"Nobody told us," she said.', '',
  ].join('\n'), { path: 'g.txt', referenceDate: '2016-09-19' });
  const by = (text: string) => r.speakers.find(p => p.id === r.statements.find(s => s.text === text)?.speaker_id)?.name;
  it('skips back over a speaker of the other gender', () => {
    expect(by('The crews are ready')).toBe('Ana Reyes');
    expect(by('The timetable is late')).toBe('Tom Walsh');
  });
  it('reads the gender from an honorific in the text when the given name is borne by women and men alike', () => {
    expect(by('Nobody told us')).toBe('Lindsey Hart');
  });
  it('reads the gender from a capitalised honorific before the surname elsewhere in the text', () => {
    // Kai is no name compromise gives a gender; "Mr. Moreno" in a sentence that is no statement says he is a man.
    const t = extract([
      'Port sets plan', '',
      'Ana Reyes said the berths would open in June.', '',
      'Kai Moreno, the port director, said costs would rise. Mr. Moreno has led the port since 2019.', '',
      '"We will publish the tender next month," she said.', '',
    ].join('\n'), { path: 'm.txt', referenceDate: '2016-09-19' });
    const speaker = t.speakers.find(p => p.id === t.statements.find(s => s.text === 'We will publish the tender next month')?.speaker_id);
    expect(speaker?.name).toBe('Ana Reyes');
  });
});

describe('a name with a lower-case particle', () => {
  const r = extract([
    'Title', '',
    'Mayor Ana de Souza said the ferry would run again in May.', '',
    'De Souza said the fares would not rise.', '',
  ].join('\n'), { path: 'n.txt', referenceDate: '2016-09-19' });
  it('keeps the particle in the name and reads "De Souza" at a sentence start as the same person', () => {
    expect(r.speakers.map(p => p.name)).toEqual(['Ana de Souza']);
    expect(r.statements.map(s => s.text)).toEqual(['the ferry would run again in May', 'the fares would not rise']);
  });
  it('finds the full name written after the short one, with a given name compromise does not know', () => {
    const h = extract([
      'Title', '',
      'De Souza says the ferry will run again in May.', '',
      'Mayor Bill de Souza said the fares would not rise.', '',
      'De Souza said the crews were ready.', '',
    ].join('\n'), { path: 'h.txt', referenceDate: '2016-09-19' });
    expect(h.speakers.map(p => p.name)).toEqual(['Bill de Souza']);
    expect(h.statements).toHaveLength(3);
  });
});

describe('entities merge their forms', () => {
  const r = extract([
    'Title', '',
    'The U.S. Environmental Protection Agency (EPA) said on Tuesday that EPA grants will reach 24 ports.',
    'Southwest China\'s Chongqing Municipality said Chongqing will grow.', '',
  ].join('\n'), { path: 'e.txt', referenceDate: '2024-04-16' });
  const byName = (n: string) => r.entities.find(e => e.name === n);
  it('joins an acronym in brackets and a place without its "Municipality"', () => {
    expect(byName('U.S. Environmental Protection Agency')).toMatchObject({ type: 'organization', aliases: ['EPA'], mentions: 3 });
    expect(byName('Chongqing Municipality')).toMatchObject({ type: 'place', aliases: ['Chongqing'], mentions: 2 });
    expect(byName('Southwest China')?.type).toBe('place');
  });
});

describe('names typed and trimmed by the word lists', () => {
  const r = extract([
    'Title', '',
    'The Toronto Star and the Edmonton Sun reported it, as did The Globe and Mail in Toronto.',
    'North Korea said the DPRK would respond; the Pro-Beijing camp and Scientology-related sites agreed with a Beijing-based firm.', '',
  ].join('\n'), { path: 'p.txt', referenceDate: '2024-04-16' });
  const typeOf = (n: string) => r.entities.find(e => e.name === n)?.type;
  it('makes a newspaper named after a city an organisation, and the city a place', () => {
    expect([typeOf('Toronto Star'), typeOf('Edmonton Sun'), typeOf('Globe and Mail'), typeOf('Toronto')]).toEqual(['organization', 'organization', 'organization', 'place']);
  });
  it('merges a country\'s short form into its name', () => {
    expect(r.entities.find(e => e.name === 'North Korea')).toMatchObject({ type: 'place', aliases: ['DPRK'] });
  });
  it('takes "-related" and "-based" off a name and drops "Pro-" names', () => {
    const names = r.entities.map(e => e.name);
    expect(names).toEqual(expect.arrayContaining(['Scientology', 'Beijing']));
    expect(names.some(n => /-/u.test(n))).toBe(false);
  });
});

describe('a lone capitalised word is a name when nothing says otherwise', () => {
  const r = extract([
    'Title', '',
    'The ancient gods, such as Zeus and Hera, were honoured in Sochi, and Demosisto\'s Nathan Law spoke in Evanston, Illinois.',
    'Afghan and Muslim students met the Home Secretary in Feb, and the Lakeshore plant joined Lakeshore Works.',
    '"Foolhardy provocation," they said, going West to the Surveying, Planning and Landscape constituency (For Inspiration).',
    'Pilgrims reached the Tarnmoot, and the Tarnmoot grew, though many in Tarnmoot fell ill under the Inflation Reduction Act, as on the Umrah.', '',
  ].join('\n'), { path: 'l.txt', referenceDate: '2024-04-16' });
  const typeOf = (n: string) => r.entities.find(e => e.name === n)?.type;
  it('types it by the words around it: a place after "in" or before a known place, an organisation before "\'s" and a name, else a person', () => {
    expect([typeOf('Zeus'), typeOf('Hera'), typeOf('Sochi'), typeOf('Evanston'), typeOf('Demosisto'), typeOf('Nathan Law')])
      .toEqual(['person', 'person', 'place', 'place', 'organization', 'person']);
  });
  it('is one entity, of the type most of its mentions give', () => {
    expect(r.entities.filter(e => e.name === 'Tarnmoot').map(e => [e.type, e.mentions])).toEqual([['organization', 3]]);
  });
  it('types a recurring event known by one word as an event', () => {
    expect(typeOf('Umrah')).toBe('event');
  });
  it('keeps a surname that is a word of laws and plans, but not the law', () => {
    expect(typeOf('Nathan Law')).toBe('person');
    expect(r.entities.some(e => e.name.includes('Inflation'))).toBe(false);
  });
  it('leaves out demonyms, months, compass points, quotation openings and pieces of longer names', () => {
    const names = r.entities.map(e => e.name);
    for (const n of ['Afghan', 'Muslim', 'Home', 'Feb', 'Lakeshore', 'Foolhardy', 'West', 'Landscape', 'Inspiration']) expect(names).not.toContain(n);
  });
});

describe('entity names split and typed by their words', () => {
  const r = extract([
    'Title', '',
    'Photo: NASA John Ingalls.', '',
    'Both the Irving Independent School District and the city police declined to comment.', '',
    'The shuttle flew to Wright-Patterson Air Force Base on Tuesday.', '',
  ].join('\n'), { path: 'n.txt', referenceDate: '2024-04-16' });
  const typeOf = (n: string) => r.entities.find(e => e.name === n)?.type;
  it('splits an organisation from the person named after it', () => {
    expect(typeOf('NASA')).toBe('organization');
    expect(typeOf('John Ingalls')).toBe('person');
  });
  it('splits an organisation from a person whose first name compromise does not know', () => {
    const s = extract([
      'Title', '',
      'The chief executive of the Refugee Council Enver Solomon spoke, and University of Texas Arlington Amneh Jafari said Jafari agreed.',
      'The USI Art Collections hold each collection of the University of Southern Indiana, in Indiana.', '',
    ].join('\n'), { path: 's.txt', referenceDate: '2024-04-16' });
    const names = s.entities.map(e => e.name);
    expect(names).toEqual(expect.arrayContaining(['Refugee Council', 'Enver Solomon', 'University of Texas Arlington', 'Amneh Jafari', 'University of Southern Indiana']));
    expect(names).not.toContain('Art Collections');
    expect(names).not.toContain('Southern Indiana');
  });
  it('keeps a surname that is a function word ("James To", "Wilson Or") but splits at a preposition before more names', () => {
    const s = extract([
      'Title', '',
      'The district councillor Wilson Or was elected, and so was James To of the Democratic Party.',
      'The winner was Donald Trump In the end.', '',
    ].join('\n'), { path: 't.txt', referenceDate: '2024-04-16' });
    const names = s.entities.map(e => e.name);
    expect(names).toEqual(expect.arrayContaining(['Wilson Or', 'James To', 'Democratic Party', 'Donald Trump']));
    expect(names).not.toContain('James');
    expect(names.some(n => n.includes('In'))).toBe(false);
  });
  it('drops "Both" before a name', () => {
    expect(typeOf('Irving Independent School District')).toBe('organization');
    expect(r.entities.some(e => e.name.startsWith('Both'))).toBe(false);
  });
  it('types a name that ends in a place word as a place, though an organisation is named in it', () => {
    expect(typeOf('Wright-Patterson Air Force Base')).toBe('place');
  });
});

describe('works and products are not entities', () => {
  const r = extract([
    'Title', '',
    'Director Hana Ruiz showed the 2004 film Harbour Lights, and the research vessel Northern Tern docked at Port Elling.',
    'Visitors played Starfall: The Lost Moons with the minister Karen Mills.', '',
  ].join('\n'), { path: 'w.txt', referenceDate: '2024-04-16' });
  const names = r.entities.map(e => e.name);
  it('drops a name right after a noun for a work or product, and a subtitle after a colon', () => {
    for (const n of ['Harbour Lights', 'Northern Tern', 'Lost Moons']) expect(names).not.toContain(n);
  });
  it('keeps a name after any other lower-case word', () => {
    expect(names).toEqual(expect.arrayContaining(['Hana Ruiz', 'Karen Mills']));
  });
});

describe('a place that plays a match is its team', () => {
  const r = extract([
    'Title', '',
    'Group B — Norway 2 – 1 Chile', '',
    'Norway beat Chile in Oslo. The Denmark 2025-2030 plan opens at a forum in Oslo 10-12 June.', '',
  ].join('\n'), { path: 't.txt', referenceDate: '2024-04-16' });
  const typeOf = (n: string) => r.entities.find(e => e.name === n)?.type;
  it('types a place beside a match score as an organisation, for all its mentions', () => {
    expect([typeOf('Norway'), typeOf('Chile')]).toEqual(['organization', 'organization']);
  });
  it('leaves a place beside a span of years or a count a place', () => {
    expect([typeOf('Oslo'), typeOf('Denmark')]).toEqual(['place', 'place']);
  });
});

describe('title words and sentence adverbs are cut from names', () => {
  const r = extract([
    'Title', '',
    'The Shadow Home Secretary Rita Okafor met the European Union High Commissioner for Trade in Lisbon.',
    'Then the Port Authority agreed.', '',
  ].join('\n'), { path: 'h.txt', referenceDate: '2024-04-16' });
  const names = r.entities.map(e => e.name);
  it('cuts "Shadow Home Secretary" and "High Commissioner" off the names around them', () => {
    expect(names).toEqual(expect.arrayContaining(['Rita Okafor', 'European Union', 'Lisbon']));
    expect(names.some(n => /Shadow|High/u.test(n))).toBe(false);
  });
  it('cuts "Then the" before a name', () => {
    expect(names).toContain('Port Authority');
    expect(names.some(n => n.startsWith('Then'))).toBe(false);
  });
});

describe('a list of organisations joined by "and" is several entities', () => {
  const r = extract([
    'Title', '',
    'Researchers from the Harlow Institute of Oceanography and Brackley State University of the US and the University of Dunmore of the UK joined in.',
    'The Ministry of Trade and Industry and the Department of Energy and Mines agreed, and the US approved it.', '',
  ].join('\n'), { path: 'a.txt', referenceDate: '2024-04-16' });
  const byName = (n: string) => r.entities.find(e => e.name === n);
  it('splits names with their own heads and cuts a country\'s short form after "of the"', () => {
    expect(r.entities.map(e => e.name)).toEqual(expect.arrayContaining(['Harlow Institute of Oceanography', 'Brackley State University', 'University of Dunmore', 'UK']));
  });
  it('keeps one name whose "and" joins two fields of work', () => {
    expect(byName('Department of Energy and Mines')?.type).toBe('organization');
  });
  it('does not read a country\'s short form as the initials of an organisation', () => {
    expect(byName('US')?.type).toBe('place');
    expect(byName('University of Dunmore')?.aliases ?? []).not.toContain('US');
  });
});

describe('letters and numbers that name nothing', () => {
  const r = extract([
    'Title', '',
    'The court heard Ruth Adeyemi, KC, and the Leeds MP Owen Hart cite part XIV of the code, and the agency posted on @CityWater and in HTML.',
    'Then Adams\' brother spoke. Last Year over 900 people joined the Riverside Trust.', '',
  ].join('\n'), { path: 'x.txt', referenceDate: '2024-04-16' });
  const names = r.entities.map(e => e.name);
  it('leaves out letters after a name, Roman numerals, handles and format names', () => {
    for (const n of ['KC', 'MP', 'XIV', 'CityWater', 'HTML']) expect(names).not.toContain(n);
    expect(names).toEqual(expect.arrayContaining(['Ruth Adeyemi', 'Owen Hart', 'Riverside Trust']));
  });
  it('takes a bare apostrophe off a possessive and "Last" off a name', () => {
    expect(names).toContain('Adams');
    expect(names.some(n => /'|Last/u.test(n))).toBe(false);
  });
});

describe('names held together or merged by their neighbours', () => {
  const r = extract([
    'Title', '',
    'Lena Park opened the Maritime and Rail Museum in Hull wearing an EPA T-shirt, and Park said the Harbour and Canal Centre would follow.',
    'Later Jonas Park joined Hull and Grimsby officials.', '',
  ].join('\n'), { path: 'm.txt', referenceDate: '2024-04-16' });
  const byName = (n: string) => r.entities.find(e => e.name === n);
  it('keeps "and" inside a name that ends in a place word, but splits two places', () => {
    expect(byName('Maritime and Rail Museum')?.type).toBe('place');
    expect(byName('Harbour and Canal Centre')?.type).toBe('place');
    expect([byName('Hull')?.type, byName('Grimsby')?.type]).toEqual(['place', 'place']);
  });
  it('drops a single-letter compound after a name', () => {
    expect(byName('EPA')?.type).toBe('organization');
    expect(r.entities.some(e => e.name.includes('T-shirt'))).toBe(false);
  });
  it('gives a surname to the person of that name named before it', () => {
    expect(byName('Lena Park')).toMatchObject({ aliases: ['Park'] });
    expect(byName('Park')).toBeUndefined();
  });
});

describe('"the" alone joins no names', () => {
  const r = extract([
    'Title', '',
    'The critic Morrow the Harlan spokesman named the Bank of the North.', '',
  ].join('\n'), { path: 'th.txt', referenceDate: '2024-04-16' });
  it('splits at a lone "the" but keeps "of the"', () => {
    const names = r.entities.map(e => e.name);
    expect(names).toContain('Bank of the North');
    expect(names.some(n => n.includes('Morrow the'))).toBe(false);
  });
});

describe('buildings, sites and heads typed by their last word', () => {
  const r = extract([
    'Title', '',
    'Pilgrims crowded the Blue Mosque and the Lincoln Memorial; Members of the Harbour Org met in the Pacific Northwest.', '',
  ].join('\n'), { path: 'b.txt', referenceDate: '2024-04-16' });
  const typeOf = (n: string) => r.entities.find(e => e.name === n)?.type;
  it('types a mosque and a memorial as places, an "Org" as an organisation, and a known region as a place', () => {
    expect([typeOf('Blue Mosque'), typeOf('Lincoln Memorial'), typeOf('Harbour Org'), typeOf('Pacific Northwest')]).toEqual(['place', 'place', 'organization', 'place']);
  });
  it('cuts a group noun before "of" off a name', () => {
    expect(r.entities.some(e => e.name.startsWith('Members'))).toBe(false);
  });
});

describe('a place inside a longer place name is another place', () => {
  const r = extract([
    'Title', '',
    'Ferries link Hong Kong with Lantau Island, and the Cape Town Waterfront draws visitors from Cape Town and from Lantau.', '',
  ].join('\n'), { path: 'pl.txt', referenceDate: '2024-04-16' });
  it('keeps the shorter place its own entity', () => {
    const names = r.entities.map(e => e.name);
    expect(names).toEqual(expect.arrayContaining(['Hong Kong', 'Cape Town Waterfront', 'Cape Town']));
  });
  it('merges a building that ends a longer name', () => {
    const b = extract('Title\n\nThe Harlow Aviation Museum Reyes Hangar Center opened, and the Hangar Center drew crowds.\n', { path: 'hc.txt', referenceDate: '2024-04-16' });
    expect(b.entities.some(e => e.name === 'Hangar Center')).toBe(false);
  });
});

describe('an ampersand inside a name', () => {
  const r = extract([
    'Title', '',
    'The Harbour Rail & Sea Museum of Dunmore lent photos by Okafor & Lindqvist to the gallery.',
    'The Harbour Rail & Sea Museum opened in the National Museum of the Royal Navy.', '',
  ].join('\n'), { path: 'amp.txt', referenceDate: '2024-04-16' });
  const typeOf = (n: string) => r.entities.find(e => e.name === n)?.type;
  it('holds a museum\'s name together and parts two people', () => {
    expect(typeOf('Harbour Rail & Sea Museum of Dunmore')).toBe('place');
    expect(r.entities.some(e => /Okafor &/u.test(e.name))).toBe(false);
  });
  it('types "A of B" by the head of A, and merges a museum\'s name without "of" and where it is', () => {
    expect(typeOf('National Museum of the Royal Navy')).toBe('place');
    expect(r.entities.find(e => e.name === 'Harbour Rail & Sea Museum of Dunmore')).toMatchObject({ aliases: ['Harbour Rail & Sea Museum'], mentions: 2 });
  });
});

describe('places in the words around a name', () => {
  const r = extract([
    'Title', '',
    'A boy from Tilbury, Ontario found it, and reports by Fisheries Canada and by Statwise UK agreed.',
    'Officials of the State of Victoria met in Carrow.', '',
  ].join('\n'), { path: 'pc.txt', referenceDate: '2024-04-16' });
  const typeOf = (n: string) => r.entities.find(e => e.name === n)?.type;
  it('types a name holding a country and words that are no place as an organisation', () => {
    expect([typeOf('Fisheries Canada'), typeOf('Statwise UK')]).toEqual(['organization', 'organization']);
  });
  it('keeps a place word\'s name a place, and a lone word before a comma and a known place a place', () => {
    expect([typeOf('State of Victoria'), typeOf('Tilbury'), typeOf('Carrow')]).toEqual(['place', 'place', 'place']);
  });
});

describe('products named with a version', () => {
  const r = extract([
    'Title', '',
    'People on Harbourline Explorer 6 should move to HX7, said Tessa Lund of Harbourline Systems; Harbourline Explorer is old.',
    'The G20 met in Norway, where Sweden won 2 – 1, on March 5 and at Terminal 2, 3 and 4.', '',
  ].join('\n'), { path: 'v.txt', referenceDate: '2024-04-16' });
  const names = r.entities.map(e => e.name);
  it('drops a name before a version number at all its mentions, and a product code of letters and a number', () => {
    expect(names.some(n => /Explorer|HX7/u.test(n))).toBe(false);
    expect(names).toEqual(expect.arrayContaining(['Tessa Lund', 'Harbourline Systems']));
  });
  it('keeps a group of a letter and a number, and names before scores', () => {
    expect(r.entities.find(e => e.name === 'G20')?.type).toBe('organization');
    expect(names).toEqual(expect.arrayContaining(['Norway', 'Sweden']));
  });
});

describe('one institution named with "and"', () => {
  const r = extract([
    'Title', '',
    'Prints went to the Harlow Teaching Museum and Art Gallery, whose art gallery is small, and Dana Voss gave the talk.',
    'Ruth Andrews of the Civic Union and the Green Union came; Dana Voss of the Harlow Teaching Museum and Art Gallery said Voss agreed.', '',
  ].join('\n'), { path: 'ag.txt', referenceDate: '2024-04-16' });
  const names = r.entities.map(e => e.name);
  it('keeps a side of common words the text writes in lower case with the name before it', () => {
    expect(names).toContain('Harlow Teaching Museum and Art Gallery');
    expect(names).not.toContain('Art Gallery');
  });
  it('still splits at "and the"', () => {
    expect(names).toEqual(expect.arrayContaining(['Civic Union', 'Green Union']));
  });
  it('gives a single name to the person named before it, though an organisation holds it too', () => {
    const p = extract('Title\n\nDana Voss founded the Dana Voss Trust in Leeds, and visitors met Dana there.\n', { path: 'dv.txt', referenceDate: '2024-04-16' });
    expect(p.entities.find(e => e.name === 'Dana Voss')?.aliases).toContain('Dana');
  });
});

describe('a person after other names, and an account', () => {
  const r = extract([
    'Title', '',
    'The chapter head of Coastal Arts Relations Maria Okafor said the group posted via its account Harbour Live.', '',
  ].join('\n'), { path: 'pa.txt', referenceDate: '2024-04-16' });
  const names = r.entities.map(e => e.name);
  it('splits a first name and surname off the words before them', () => {
    expect(names).toContain('Maria Okafor');
    expect(names.some(n => n.endsWith('Maria Okafor') && n !== 'Maria Okafor')).toBe(false);
  });
  it('drops the name of an account', () => {
    expect(names).not.toContain('Harbour Live');
  });
});

describe('two places after "of" in one name', () => {
  const r = extract([
    'Title', '',
    'The Fisheries Board of Norway and Iceland met, and ferries run between Norway and Iceland.', '',
  ].join('\n'), { path: 'fb.txt', referenceDate: '2024-04-16' });
  it('keeps "X of A and B" one name, and splits two places alone', () => {
    const names = r.entities.map(e => e.name);
    expect(names).toEqual(expect.arrayContaining(['Fisheries Board of Norway and Iceland', 'Norway', 'Iceland']));
  });
});

describe('a given name that reads as a verb or plural', () => {
  const r = extract([
    'Title', '',
    'The prize went to the athletes Marks Zelenko (rowing) and Civic Arena (the venue).', '',
  ].join('\n'), { path: 'gn.txt', referenceDate: '2024-04-16' });
  const typeOf = (n: string) => r.entities.find(e => e.name === n)?.type;
  it('is still a person\'s, but an adjective first is not', () => {
    expect(typeOf('Marks Zelenko')).toBe('person');
    expect(typeOf('Civic Arena')).not.toBe('person');
  });
});

describe('a place without its initials', () => {
  const r = extract([
    'Title', '',
    'The team arrived in Portland D.C. on Monday. The fair was held in Portland D.C. Image: Jon Reyes.', '',
  ].join('\n'), { path: 'dc.txt', referenceDate: '2024-04-16' });
  it('merges into the place with them', () => {
    expect(r.entities.find(e => e.name === 'Portland D.C.')).toMatchObject({ type: 'place', aliases: ['Portland'] });
    expect(r.entities.some(e => e.name === 'Portland')).toBe(false);
  });
});

describe('a small number inside a name', () => {
  const r = extract([
    'Title', '',
    'The deputies of Lista 7 Verdi met on March 5 Rosa Ferri and the Apollo 11 Foundation in Turin.', '',
  ].join('\n'), { path: 'n5.txt', referenceDate: '2024-04-16' });
  const names = r.entities.map(e => e.name);
  it('joins the words on both sides, but not after a month', () => {
    expect(names).toEqual(expect.arrayContaining(['Lista 7 Verdi', 'Apollo 11 Foundation', 'Rosa Ferri']));
    expect(names.some(n => n.startsWith('March'))).toBe(false);
  });
});

describe('a person\'s name holds no "and"', () => {
  const r = extract([
    'Title', '',
    'Elected were Chan Tai-wan and Peter Wan of the Civic Union.', '',
  ].join('\n'), { path: 'pw.txt', referenceDate: '2024-04-16' });
  it('keeps a surname the text also writes in lower case inside a hyphenated name', () => {
    expect(r.entities.map(e => e.name)).toEqual(expect.arrayContaining(['Chan Tai-wan', 'Peter Wan']));
  });
});

describe('names around "of the" and in brackets', () => {
  const r = extract([
    'Title', '',
    'Voters queued in Tarnby of the Harlow Island constituency, near the Bank of the West.',
    'Pilgrims filled the Qasr Al-Noor Hall (Great Hall) and visited Kowloon (Hong Kong).', '',
  ].join('\n'), { path: 'ot.txt', referenceDate: '2024-04-16' });
  const names = r.entities.map(e => e.name);
  it('splits an unknown word before "of the" and a place, but not a head', () => {
    expect(names).toEqual(expect.arrayContaining(['Tarnby', 'Harlow Island', 'Bank of the West']));
  });
  it('takes another name in brackets as an alias, but not a known place', () => {
    expect(r.entities.find(e => e.name === 'Qasr Al-Noor Hall')?.aliases).toContain('Great Hall');
    expect(names).toEqual(expect.arrayContaining(['Kowloon', 'Hong Kong']));
  });
});
