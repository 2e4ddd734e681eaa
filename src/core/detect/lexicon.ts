/**
 * Word lists the rules consult. All entries are folded (lower case, no diacritics). These are facts about
 * English news prose, not about any one article.
 */

/** Words before an office title that mean someone other than the current holder. */
export const NOT_CURRENT_BEFORE_TITLE = new Set([
  'former', 'ex', 'outgoing', 'previous', 'past', 'late', 'then', 'future', 'next', 'incoming', 'would', 'prospective',
  'aspiring', 'wannabe', 'erstwhile', 'departing', 'retiring', 'onetime', 'sometime', 'deputy', 'vice', 'assistant',
  'junior', 'lord', 'under', 'permanent', 'acting', 'interim', 'caretaker', 'designate', 'shadow', 'opposition',
  'potential', 'possible', 'hypothetical', 'fictional', 'fictitious', 'sacked', 'disgraced', 'axed', 'ousted',
  'fellow', 'deposed', 'defeated', 'wartime', 'postwar', 'victorian', 'edwardian', 'assassinated', 'dead', 'died',
]);

/** Determiners that make an office title generic ("an effective prime minister", "every Transport Secretary"). */
export const GENERIC_DETERMINERS = new Set([
  'a', 'an', 'another', 'any', 'every', 'each', 'no', 'one', 'some', 'many', 'several', 'other', 'successive',
  'two', 'three', 'four', 'five', 'both', 'all', 'which', 'whichever', 'whoever', 'what', 'such',
]);

/** Adjectives that may stand between a predicate and its title ("choose new prime minister"). */
export const PREDICATE_ADJECTIVES = new Set(['new', 'next', 'permanent', 'interim', 'full', 'fulltime', 'first', 'own']);

/** Possessive pronouns before a title: someone else's minister ("his defense minister"). */
export const POSSESSIVE_PRONOUNS = new Set(['his', 'her', 'its', 'their', 'whose']);

/** Ordinals and superlatives: "the first Defence Secretary", "the youngest prime minister". */
export const ORDINALS = new Set([
  'first', 'second', 'third', 'fourth', 'fifth', 'last', 'only', 'youngest', 'oldest', 'longest', 'shortest',
  'female', 'woman', 'male', 'black', 'best', 'worst', 'greatest', 'ideal', 'perfect', 'typical', 'average',
  'previous', 'latest', 'umpteenth', 'eleventh', 'twelfth', 'fifteenth', 'tenth', 'sixth', 'seventh', 'eighth', 'ninth',
]);

/** Words right before a title (with no determiner) that make it predicative: "appointed Transport Secretary". */
export const PREDICATIVE_BEFORE_TITLE = new Set([
  'as', 'be', 'been', 'being', 'become', 'became', 'becomes', 'becoming', 'appointed', 'named', 'made', 'remain',
  'remains', 'remained', 'remaining', 'elected', 'installed', 'nominated', 'reappointed', 'confirmed', 'promoted',
  'demoted', 'serve', 'served', 'serves', 'serving', 'was', 'is', 'were', 'are', 'am', 'stay', 'stays', 'stayed',
  'resign', 'resigned', 'quit', 'sacked', 'fired', 'replaced', 'succeeded', 'succeed', 'unseat', 'unseated',
  'crowned', 'chosen', 'picked', 'tipped', 'ousted', 'install', 'appoint', 'name', 'elect', 'make', 'makes',
  'making', 'becomes', 'returned', 'reinstated', 'restored', 'dubbed', 'nicknamed', 'called', 'titled',
  // "moved from Chief Whip to Justice Secretary", "promoted to Defence Secretary", "choose new prime minister"
  'to', 'from', 'choose', 'chooses', 'chose', 'choosing', 'select', 'selects', 'selected', 'selecting', 'find',
  'finds', 'found', 'pick', 'picks', 'elects', 'electing', 'want', 'wants', 'wanted', 'need', 'needs', 'needed',
]);

/** Nouns that make "the X of <title>" a description of the office, not of its holder. */
export const ROLE_NOUNS = new Set(['role', 'post', 'office', 'job', 'position', 'title', 'rank', 'portfolio', 'brief', 'seat', 'mantle', 'race', 'contest']);

/** Countries and their demonyms, and sub-national or supranational qualifiers that make an office foreign. */
export const FOREIGN_QUALIFIERS = new Set([
  'us', 'u', 'american', 'america', 'australian', 'australia', 'israeli', 'israel', 'french', 'france', 'german',
  'germany', 'italian', 'italy', 'spanish', 'spain', 'portuguese', 'portugal', 'dutch', 'netherlands', 'belgian',
  'belgium', 'irish', 'ireland', 'canadian', 'canada', 'indian', 'india', 'pakistani', 'pakistan', 'chinese', 'china',
  'japanese', 'japan', 'korean', 'korea', 'russian', 'russia', 'ukrainian', 'ukraine', 'polish', 'poland', 'greek',
  'greece', 'turkish', 'turkey', 'swedish', 'sweden', 'norwegian', 'norway', 'danish', 'denmark', 'finnish', 'finland',
  'icelandic', 'iceland', 'austrian', 'austria', 'swiss', 'switzerland', 'hungarian', 'hungary', 'czech', 'slovak',
  'romanian', 'romania', 'bulgarian', 'bulgaria', 'serbian', 'serbia', 'croatian', 'croatia', 'slovenian', 'estonian',
  'latvian', 'lithuanian', 'belarusian', 'georgian', 'armenian', 'azerbaijani', 'iranian', 'iran', 'iraqi', 'iraq',
  'syrian', 'syria', 'lebanese', 'lebanon', 'jordanian', 'jordan', 'egyptian', 'egypt', 'saudi', 'emirati', 'qatari',
  'kuwaiti', 'bahraini', 'omani', 'yemeni', 'palestinian', 'libyan', 'tunisian', 'moroccan', 'algerian', 'sudanese',
  'sudan', 'ethiopian', 'ethiopia', 'kenyan', 'kenya', 'ugandan', 'tanzanian', 'rwandan', 'nigerian', 'nigeria',
  'ghanaian', 'ghana', 'senegalese', 'zimbabwean', 'zimbabwe', 'zambian', 'malawian', 'mozambican', 'angolan',
  'namibian', 'botswanan', 'african', 'africa', 'mexican', 'mexico', 'brazilian', 'brazil', 'argentine', 'argentinian',
  'argentina', 'chilean', 'chile', 'peruvian', 'peru', 'colombian', 'colombia', 'venezuelan', 'venezuela', 'cuban',
  'cuba', 'jamaican', 'jamaica', 'haitian', 'thai', 'thailand', 'vietnamese', 'vietnam', 'cambodian', 'malaysian',
  'malaysia', 'singaporean', 'singapore', 'indonesian', 'indonesia', 'filipino', 'philippine', 'philippines',
  'bangladeshi', 'bangladesh', 'sri', 'lankan', 'nepalese', 'nepali', 'afghan', 'afghanistan', 'kazakh', 'uzbek',
  'mongolian', 'taiwanese', 'taiwan', 'tibetan', 'zealand', 'zealander', 'fijian', 'samoan', 'tongan',
  'maltese', 'malta', 'cypriot', 'cyprus', 'luxembourg', 'monaco', 'european', 'eu', 'scottish', 'welsh', 'scotland',
  'wales', 'stormont', 'holyrood', 'federal', 'state', 'provincial', 'regional', 'quebec', 'ontario', 'queensland',
  'victorian', 'tasmanian', 'bavarian', 'catalan', 'basque', 'flemish', 'kosovan', 'albanian', 'macedonian',
  'montenegrin', 'bosnian', 'moldovan', 'soviet', 'nato', 'un', 'vatican', 'gibraltar', 'bermudian', 'caymanian',
  'manx', 'jersey', 'guernsey', 'faroese', 'greenlandic', 'kiwi', 'aussie',
  'yemen', 'oman', 'qatar', 'kuwait', 'bahrain', 'libya', 'tunisia', 'morocco', 'algeria', 'somali', 'somalia',
  'eritrean', 'congolese', 'congo', 'cameroonian', 'ivorian', 'malian', 'nigerien', 'chadian', 'bolivian',
  'ecuadorian', 'uruguayan', 'paraguayan', 'guatemalan', 'honduran', 'salvadoran', 'nicaraguan', 'panamanian',
  'dominican', 'trinidadian', 'barbadian', 'bahamian', 'belizean', 'guyanese', 'surinamese', 'laotian', 'burmese',
  'myanmar', 'bhutanese', 'maldivian', 'brunei', 'papua', 'timorese', 'kyrgyz', 'tajik', 'turkmen',
]);

/** Devolved, federal-state and regional qualifiers: not the UK government's office, but not a foreign country either. */
export const SUBNATIONAL_QUALIFIERS = new Set([
  'scottish', 'welsh', 'scotland', 'wales', 'stormont', 'holyrood', 'federal', 'state', 'provincial', 'regional',
  'quebec', 'ontario', 'queensland', 'victorian', 'tasmanian', 'bavarian', 'catalan', 'basque', 'flemish',
]);

/** Qualifiers that keep a title British ("British Prime Minister", "UK Defence Secretary"). */
export const UK_QUALIFIERS = new Set(['british', 'uk', 'britain', 'britains', 'english', 'england', 'westminster', 'whitehall']);

/** Time zones that follow "PM" when it is a time. */
export const TIME_ZONES = new Set(['utc', 'gmt', 'bst', 'et', 'est', 'edt', 'pt', 'pst', 'pdt', 'ct', 'cst', 'cdt', 'cet', 'cest', 'aest', 'aedt', 'ist', 'jst']);

export const MONTHS = new Set([
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
]);

/** Words before a month name that make it a date ("in May", "since May", "early May"). */
export const MONTH_CONTEXT_BEFORE = new Set([
  'in', 'since', 'until', 'till', 'til', 'by', 'from', 'during', 'early', 'late', 'mid', 'last', 'next', 'this',
  'of', 'before', 'after', 'end', 'on', 'throughout', 'every', 'each', 'start', 'beginning', 'come', 'around',
  'circa', 'c',
]);

/** Joiners that make a month name a date only beside another month or a number ("April to May", "May and June"). */
export const MONTH_JOINERS = new Set(['to', 'and', 'or', 'through', 'until', 'till', 'til']);

/** Words after a month name that make it a date ("May elections", "May deadline"). */
export const MONTH_CONTEXT_AFTER = new Set(['elections', 'election', 'deadline', 'figures', 'data', 'issue', 'edition', 'half', 'bank']);

/** Words after sentence-initial "May" that make it the verb ("May we", "May I"). */
export const MAY_VERB_FOLLOWERS = new Set(['i', 'we', 'you', 'he', 'she', 'they', 'it', 'god', 'the', 'this', 'that', 'all', 'be', 'not', 'your', 'our', 'his', 'her', 'their']);

/**
 * Capitalised words that may stand before a surname without being that person's first name: function
 * words that open sentences, reporting verbs, parties, and titles.
 */
export const CAPITALISED_NON_NAMES = new Set([
  'the', 'a', 'an', 'but', 'and', 'or', 'so', 'yet', 'as', 'when', 'while', 'whilst', 'if', 'after', 'before',
  'yesterday', 'today', 'tonight', 'tomorrow', 'meanwhile', 'however', 'now', 'then', 'where', 'why', 'how', 'what',
  'who', 'also', 'even', 'only', 'since', 'until', 'because', 'although', 'though', 'with', 'without', 'for', 'from',
  'to', 'by', 'on', 'in', 'at', 'of', 'said', 'says', 'say', 'told', 'asked', 'added', 'replied', 'wrote', 'warned',
  'minister', 'ministers', 'secretary', 'chancellor', 'premier', 'pm', 'mp', 'mps', 'labour', 'tory', 'tories',
  'conservative', 'conservatives', 'liberal', 'lib', 'dem', 'dems', 'reform', 'snp', 'green', 'greens', 'british',
  'uk', 'prime', 'under', 'over', 'about', 'against', 'between', 'during', 'than', 'that', 'this', 'these', 'those',
  'there', 'here', 'not', 'no', 'both', 'all', 'according', 'like', 'unlike', 'dear', 'monday', 'tuesday',
  'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march', 'april', 'june', 'july',
  'august', 'september', 'october', 'november', 'december', 'via', 'photo', 'picture', 'credit', 'by', 'exclusive',
  'analysis', 'comment', 'opinion', 'live', 'watch', 'video', 'update', 'breaking', 'new', 'more', 'read', 'see',
  'ask', 'asks', 'tells', 'hits', 'backs', 'slams', 'urges', 'vows', 'defends', 'rejects', 'warns', 'insists',
  'government', 'cabinet', 'treasury', 'downing', 'street', 'commons', 'lords', 'house', 'hon', 'rt', 'right',
  'member', 'colleague', 'friend', 'leader', 'chairman', 'chair', 'spokesman', 'spokeswoman', 'spokesperson',
  'whom', 'whose', 'which', 'let', 'thank', 'thanks', 'please', 'will', 'would', 'should', 'could', 'can', 'did',
  'does', 'do', 'has', 'had', 'have', 'is', 'was', 'were', 'are', 'it', 'its', 'we', 'he', 'she', 'they', 'i', 'you',
  'my', 'our', 'your', 'his', 'her', 'their', 'once', 'every', 'each', 'any', 'some', 'many', 'most', 'ex', 'former',
  'outgoing', 'new', 'transport', 'business', 'defence', 'home', 'foreign', 'health', 'education', 'justice',
  'energy', 'environment', 'culture', 'work', 'pensions', 'trade', 'rail', 'state', 'office', 'department',
  'politics', 'news', 'world', 'economy', 'sport', 'latest', 'top', 'story', 'stories', 'related', 'editor',
  'correspondent', 'reporter', 'interview', 'exclusive', 'pictured', 'above', 'below', 'left', 'right', 'centre',
  'pmqs', 'during', 'since', 'meanwhile', 'earlier', 'later', 'separately', 'elsewhere', 'instead', 'still',
]);

/** Function words that may follow a title in Title Case without being a name ("Prime Minister And ..."). */
export const CAPITALISED_FOLLOWERS_OK = new Set([
  'and', 'or', 'but', 'of', 'to', 'in', 'on', 'at', 'for', 'with', 'the', 'a', 'an', 'is', 'was', 'has', 'had',
  'will', 'would', 'says', 'said', 'i', 'mp', 'yesterday', 'today', 'tonight', 'on', 'this', 'last', 'says',
]);

/**
 * Surnames that are also everyday English words. At the start of a sentence such a word is more likely the
 * word than the person ("Hunt for ...", "Long before ...", "Cleverly, the plan ..."), so a bare surname there
 * links only when the document has already named the person.
 */
export const WORD_SURNAMES = new Set([
  'may', 'hunt', 'long', 'green', 'hands', 'wood', 'woods', 'hall', 'king', 'reed', 'brown', 'white', 'black',
  'young', 'bell', 'rich', 'cable', 'fox', 'stride', 'truss', 'frost', 'cleverly', 'laws', 'law', 'field', 'fields',
  'mills', 'rose', 'lamb', 'price', 'short', 'sharp', 'small', 'stone', 'swift', 'wells', 'west', 'north', 'south',
  'east', 'page', 'cook', 'baker', 'cross', 'hope', 'love', 'march', 'day', 'church', 'bishop', 'knight', 'moon',
  'star', 'sterling', 'bush', 'rock', 'lane', 'street', 'ford', 'banks', 'chance', 'hill', 'marsh', 'french',
  'english', 'chalk', 'jack', 'smith', 'mercer', 'pollard', 'rayner', 'gray', 'grey', 'gold', 'silver', 'bright',
  'good', 'goodwill', 'best', 'hart', 'heart', 'wise', 'hood', 'house', 'bond', 'brook', 'brooks', 'hay', 'heath',
  'lord', 'noble', 'major', 'prior', 'temple', 'tower', 'wall', 'walker', 'ward', 'wing', 'winter', 'summer', 'spring',
  'snow', 'storm', 'rain', 'ray', 'reading', 'hurd', 'spencer', 'berry', 'frank', 'grant', 'guy', 'bacon', 'bean',
  'burns', 'clay', 'coates', 'dale', 'fisher', 'fry', 'glen', 'hale', 'hammer', 'holt', 'ham', 'hook', 'keen', 'kemp',
  'lee', 'low', 'lowe', 'mann', 'penny', 'pickles', 'pound', 'rees', 'rider', 'ross', 'rowe', 'russell', 'salt',
  'saint', 'shepherd', 'skinner', 'sparks', 'steel', 'stubbs', 'stuart', 'tanner', 'teller', 'vine', 'wells', 'wild',
  'wilde', 'wolf', 'cooper', 'miller', 'carter', 'mason', 'turner', 'taylor', 'harper', 'archer', 'booth', 'chambers',
  'dean', 'gardiner', 'gardner', 'hunter', 'jay', 'kay', 'mark', 'marks', 'nicholls', 'oakes', 'parsons', 'patten',
  'payne', 'peck', 'pike', 'pope', 'rock', 'sands', 'seal', 'slater', 'soames', 'sole', 'strong', 'stuart', 'tapper',
  'timms', 'tory', 'trott', 'vaizey', 'warman', 'webb', 'whittle', 'wiggins', 'willis', 'wood', 'coffey', 'raab',
]);

/** Verbs and nouns that follow a title or an alias in Title Case headlines ("Prime Minister Visits Hitachi Plant"). */
export const HEADLINE_WORDS = new Set([
  'says', 'said', 'visits', 'visited', 'warns', 'backs', 'vows', 'announces', 'unveils', 'launches', 'urges', 'defends',
  'rejects', 'insists', 'admits', 'promises', 'pledges', 'calls', 'faces', 'meets', 'tells', 'wins', 'loses', 'hits',
  'slams', 'confirms', 'denies', 'resigns', 'quits', 'sacks', 'appoints', 'orders', 'approves', 'blocks', 'signs',
  'opens', 'praises', 'attacks', 'answers', 'responds', 'speaks', 'writes', 'plans', 'set', 'sets', 'to', 'under',
  'over', 'on', 'at', 'in', 'after', 'before', 'amid', 'as', 'by', 'from', 'into', 'with', 'without', 'against',
  'announcement', 'speech', 'statement', 'visit', 'plan', 'pledge', 'letter', 'interview', 'questions', 'cabinet',
  'reshuffle', 'budget', 'deal', 'u', 'turn', 'row', 'gamble', 'pressure', 'support', 'criticism', 'challenge',
]);

/**
 * The commonest surnames in Britain and the United States: a full name with one of these ("David Jones",
 * "Gareth Thomas", "Michael Moore") often belongs to someone else, so it links only in a text about politics.
 */
export const COMMON_SURNAMES = new Set([
  'smith', 'jones', 'williams', 'taylor', 'brown', 'davies', 'evans', 'wilson', 'thomas', 'johnson', 'roberts',
  'robinson', 'thompson', 'wright', 'walker', 'white', 'edwards', 'hughes', 'green', 'hall', 'lewis', 'harris',
  'clarke', 'patel', 'jackson', 'wood', 'turner', 'martin', 'cooper', 'hill', 'ward', 'morris', 'moore', 'clark',
  'lee', 'king', 'baker', 'harrison', 'morgan', 'allen', 'james', 'scott', 'phillips', 'watson', 'davis', 'parker',
  'price', 'bennett', 'young', 'griffiths', 'mitchell', 'kelly', 'cook', 'carter', 'richardson', 'bailey', 'collins',
  'bell', 'shaw', 'murphy', 'miller', 'cox', 'richards', 'khan', 'marshall', 'anderson', 'simpson', 'ellis', 'adams',
  'singh', 'begum', 'wilkinson', 'foster', 'chapman', 'powell', 'webb', 'rogers', 'gray', 'grey', 'mason', 'ali',
  'hunt', 'hussain', 'campbell', 'matthews', 'owen', 'palmer', 'holmes', 'mills', 'barnes', 'knight', 'lloyd',
  'butler', 'russell', 'barker', 'fisher', 'stevens', 'jenkins', 'murray', 'dixon', 'harvey', 'graham', 'pearson',
  'ahmed', 'fletcher', 'walsh', 'kaur', 'gibson', 'howard', 'andrews', 'stewart', 'elliott', 'reynolds', 'saunders',
  'payne', 'fox', 'ford', 'pearce', 'day', 'brooks', 'west', 'lawrence', 'cole', 'atkinson', 'bradley', 'spencer',
  'gill', 'dawson', 'ball', 'burton', "o'brien", 'watts', 'rose', 'booth', 'perry', 'ryan', 'grant', 'wells',
  'armstrong', 'francis', 'rees', 'hayes', 'hart', 'hudson', 'newman', 'barrett', 'webster', 'hunter', 'gregory',
  'carr', 'lowe', 'page', 'marsh', 'riley', 'dunn', 'woods', 'parsons', 'berry', 'stone', 'reid', 'holland',
  'hawkins', 'harding', 'porter', 'robertson', 'newton', 'oliver', 'reed', 'kennedy', 'williamson', 'bird',
  'gardner', 'shah', 'dean', 'lane', 'cunningham', 'long', 'frost', 'hamilton', 'wallace', 'alexander', 'garcia',
  'rodriguez', 'martinez', 'hernandez', 'lopez', 'gonzalez', 'perez', 'sanchez', 'ramirez', 'torres', 'nguyen',
  'hill', 'flores', 'rivera', 'gomez', 'diaz', 'cruz', 'reyes', 'morales', 'ortiz', 'gutierrez', 'chavez', 'ramos',
  'kim', 'chen', 'wang', 'li', 'zhang', 'liu', 'brennan', 'doyle', 'mccarthy', 'oconnor', 'sullivan', 'byrne',
  'kane', 'mcdonald', 'macdonald', 'mcdougall', 'ross', 'morrison', 'watt', 'paterson', 'smyth', 'bryant', 'glen',
  'hands', 'spencer', 'miller', 'howell', 'evans', 'norman', 'field', 'burns', 'quinn', 'nash', 'burke', 'lamb',
]);
