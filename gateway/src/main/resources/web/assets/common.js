// Shared by every page: language, texts, formatting, the API and safe DOM building.
// Danish is in the HTML; English replaces it when chosen. The choice stays in this browser only.

const ZONE = 'Europe/Copenhagen';

const TEXTS = {
	da: {
		loading: 'Henter …',
		noResults: 'Vi fandt ingen arrangementer. Prøv at fjerne et filter eller vælge flere datoer.',
		results: (n, more) => `Viser ${n} ${n === 1 ? 'arrangement' : 'arrangementer'}${more ? ' – der er flere' : ''}.`,
		failed: 'Vi kunne ikke hente arrangementerne lige nu. Prøv igen om lidt.',
		partial: 'Nogle arrangementer mangler lige nu, fordi en del af systemet ikke svarer.',
		tooMany: (s) => `Der er for mange forespørgsler lige nu. Prøv igen om ${s} sekunder.`,
		cancelled: 'Aflyst',
		dsm: 'Danmark Spiser Sammen',
		dsmWeek: 'Danmark Spiser Sammen-uge',
		dsmBanner: (w, from, to) => `Danmark Spiser Sammen: uge ${w}, ${from} – ${to}.`,
		dsmShow: 'Vis måltiderne i ugen',
		campaignActivity: 'Kampagneaktivitet',
		online: 'Online',
		free: 'Gratis',
		price: (p) => `${p} kr.`,
		readMore: 'Læs mere',
		week: 'Uge',
		weekN: (n) => `Uge ${n}`,
		noneThisDay: '',
		nearMeUsing: 'Søger nær din position.',
		nearMeFailed: 'Vi kunne ikke finde din position. Vælg en kommune i stedet.',
		mapNoPosition: (n) => `${n} arrangementer har ingen placering på kortet. De står i listen.`,
		mapFailed: 'Kortet kunne ikke vises. Her er arrangementerne som liste i stedet.',
		mapMarker: (title, when) => `${title}, ${when}`,
		copied: 'Koden er kopieret.',
		notFound: 'Vi kunne ikke finde arrangementet. Måske er det slettet.',
		where: 'Sted',
		when: 'Tidspunkt',
		price_: 'Pris',
		for_: 'For hvem',
		arenas_: 'Område',
		accessibility_: 'Tilgængelighed',
		welcome_: 'Når du kommer',
		repeats_: 'Gentages',
		every: (n, unit) => (n === 1 ? `Hver ${unit}` : `Hver ${n}. ${unit}`),
		unitWeek: 'uge',
		unitMonth: 'måned',
		onDays: (days) => `på ${days}`,
		onWeekOfMonth: (n, day) => (n === -1 ? `den sidste ${day} i måneden` : `den ${n}. ${day} i måneden`),
		onMonthDays: (days) => `den ${days}. i måneden`,
		until: (d) => `til og med ${d}`,
		times: (n) => `${n} gange i alt`,
		notOn_: 'Ikke',
		calledOff_: 'Aflyst',
		firstTime: (d) => `Første gang ${d}`,
		transport_: 'Transport',
		organiser: 'Arrangør',
		signUp: 'Tilmeld dig',
		joinOnline: 'Deltag online',
		places: 'Antal pladser',
		addToCalendar: 'Tilføj til kalender (.ics)',
		cancelledBecause: (r) => `Arrangementet er aflyst: ${r}`,
		cancelledNoReason: 'Arrangementet er aflyst.',
		subscribeSent: 'Tak! Tjek din indbakke. Du får en mail, hvor du skal bekræfte din tilmelding. Der kommer ikke andet, før du har bekræftet.',
		fixErrors: 'Ret venligst felterne herunder.',
		saved: 'Dine valg er gemt.',
		erased: 'Dit abonnement og alt, vi havde gemt om dig, er slettet.',
		tokenInvalid: 'Linket virker ikke. Brug det nyeste link fra en af vores mails.',
		tokenExpired: 'Linket er for gammelt. Tilmeld dig igen, så sender vi et nyt.',
		status_pending: 'Venter på din bekræftelse',
		status_confirmed: 'Aktivt',
		status_unsubscribed: 'Afmeldt',
		confirmErase: 'Tryk igen for at slette alt',
		'consent-subscribed': 'Du tilmeldte dig',
		'consent-confirmed': 'Du bekræftede din tilmelding',
		'consent-subscribe-repeated': 'Du bad om at blive tilmeldt igen',
		'consent-preferences-updated': 'Du ændrede dine valg',
		'consent-withdrawn': 'Du afmeldte dig',
	},
	en: {
		skip: 'Skip to content',
		mainNav: 'Main menu',
		navFind: 'Find communities',
		navSubscribe: 'Newsletter',
		indexTitle: 'Find communities and events near you',
		indexLead: 'Shared meals, talks and other activities against loneliness all over Denmark.',
		searchHeading: 'Search',
		qLabel: 'Words',
		kommuneLabel: 'Municipality (kommune)',
		allKommuner: 'All municipalities',
		regionLabel: 'Region',
		allRegions: 'All regions',
		nearMe: 'Near me',
		nearMeLegend: 'Near me',
		radiusLabel: 'Distance',
		nearMeClear: 'Stop using my position',
		fromLabel: 'From date',
		toLabel: 'To date',
		programmeLabel: 'Programme',
		allProgrammes: 'All programmes',
		arenaLabel: 'Area of life',
		allArenas: 'All areas',
		targetLabel: 'Who is it for',
		allTargets: 'Everyone',
		onlineLabel: 'Online or in person',
		onlineAny: 'Both',
		onlineYes: 'Online only',
		onlineNo: 'In person only',
		freeLabel: 'Free only',
		searchButton: 'Search',
		resetButton: 'Clear',
		viewLabel: 'View',
		tabList: 'List',
		tabCalendar: 'Calendar',
		tabMap: 'Map',
		more: 'Show more',
		prevMonth: 'Previous month',
		nextMonth: 'Next month',
		embedSummary: 'Show these events on your own website',
		embedHelp: 'Paste this code into your web page. It shows the events of your search and follows your page\'s font and colours.',
		embedCodeLabel: 'Code',
		copyEmbed: 'Copy the code',
		footerText: 'Sammen gathers offers against loneliness from municipalities, associations and the national campaign. No tracking, no cookies.',
		footerIcs: 'This search as a calendar (.ics)',
		footerAtom: 'This search as a news feed (Atom)',
		footerApi: 'API for developers',
		footerCoverage: 'Where are there offers? Map of the municipalities',
		back: 'Back to the search',
		addToCalendar: 'Add to calendar (.ics)',
		subscribeTitle: 'Get the newsletter',
		subscribeLead: 'Choose the municipalities and kinds of events you care about. We first send a mail where you confirm your address.',
		emailLabel: 'Your e-mail address',
		placesLegend: 'Where',
		placesHelp: 'Choose one or more municipalities or a whole region. Choose none to hear about all of Denmark.',
		wholeRegion: 'The whole region',
		programmesLegend: 'What',
		languageLegend: 'Language of the mails',
		frequencyLegend: 'How often',
		frequencyWeekly: 'A weekly overview',
		frequencyInstant: 'Each new event',
		frequencyDsm: 'Only before Danmark Spiser Sammen',
		consentText: 'We only use your address to send you what you choose here. You can unsubscribe with one click in every mail.',
		subscribeButton: 'Subscribe',
		manageTitle: 'Your newsletter',
		manageLead: 'Here you see everything we have stored about you and can change or delete it.',
		statusLabel: 'Status',
		saveButton: 'Save changes',
		eraseHeading: 'Delete everything',
		eraseHelp: 'Deletes your subscription and everything we have stored about you. It cannot be undone.',
		eraseButton: 'Delete my subscription',
		historyHeading: 'Your consents',
		'programme-danmark-spiser-sammen': 'Danmark Spiser Sammen',
		'programme-vaer-en-som-raekker-ud': 'Vær en, som rækker ud (the national campaign)',
		'programme-local-partnership': 'Local partnerships',
		'programme-other': 'Other',
		'arena-hjem-og-bolig': 'Home and housing',
		'arena-dagtilbud-skole-og-uddannelse': 'Day care, school and education',
		'arena-fritid-og-faellesskaber': 'Leisure and communities',
		'arena-arbejdsliv-og-beskaeftigelse': 'Work and employment',
		'arena-sundhed-og-pleje': 'Health and care',
		'target-boern': 'Children',
		'target-unge': 'Young people',
		'target-voksne': 'Adults',
		'target-aeldre': 'Older people',
		'target-paaroerende': 'Relatives',
		'target-alle': 'Everyone',
		'access-wheelchair': 'Wheelchair access',
		'access-step-free': 'Step-free',
		'access-accessible-toilet': 'Accessible toilet',
		'access-hearing-loop': 'Hearing loop',
		'access-sign-language': 'Sign language',
		'access-guide-dogs-welcome': 'Guide dogs welcome',
		'access-quiet-room': 'Quiet room',
		loading: 'Loading …',
		noResults: 'We found no events. Try removing a filter or choosing more dates.',
		results: (n, more) => `Showing ${n} ${n === 1 ? 'event' : 'events'}${more ? ' – there are more' : ''}.`,
		failed: 'We could not get the events just now. Please try again shortly.',
		partial: 'Some events are missing just now because part of the system does not answer.',
		tooMany: (s) => `Too many requests just now. Please try again in ${s} seconds.`,
		cancelled: 'Cancelled',
		dsm: 'Danmark Spiser Sammen',
		dsmWeek: 'Danmark Spiser Sammen week',
		dsmBanner: (w, from, to) => `Danmark Spiser Sammen: week ${w}, ${from} – ${to}.`,
		dsmShow: 'Show the meals of that week',
		campaignActivity: 'Campaign activity',
		online: 'Online',
		free: 'Free',
		price: (p) => `DKK ${p}`,
		readMore: 'Read more',
		week: 'Week',
		weekN: (n) => `Week ${n}`,
		noneThisDay: '',
		nearMeUsing: 'Searching near your position.',
		nearMeFailed: 'We could not find your position. Choose a municipality instead.',
		mapNoPosition: (n) => `${n} events have no place on the map. They are in the list.`,
		mapFailed: 'The map could not be shown. Here are the events as a list instead.',
		mapMarker: (title, when) => `${title}, ${when}`,
		copied: 'The code is copied.',
		notFound: 'We could not find the event. It may have been deleted.',
		where: 'Where',
		when: 'When',
		price_: 'Price',
		for_: 'Who is it for',
		arenas_: 'Area of life',
		accessibility_: 'Accessibility',
		welcome_: 'When you arrive',
		repeats_: 'Repeats',
		every: (n, unit) => (n === 1 ? `Every ${unit}` : `Every ${n} ${unit}s`),
		unitWeek: 'week',
		unitMonth: 'month',
		onDays: (days) => `on ${days}`,
		onWeekOfMonth: (n, day) => (n === -1 ? `on the last ${day} of the month` : `on ${day} number ${n} of the month`),
		onMonthDays: (days) => `on day ${days} of the month`,
		until: (d) => `until ${d}`,
		times: (n) => `${n} times in all`,
		notOn_: 'Not on',
		calledOff_: 'Called off',
		firstTime: (d) => `First time ${d}`,
		transport_: 'Getting there',
		'welcome-kom-alene': 'Come alone – someone will welcome you',
		'welcome-bordvaert': 'There is a table host',
		'welcome-foelgeskab': 'A companion can be arranged',
		organiser: 'Organiser',
		signUp: 'Sign up',
		joinOnline: 'Join online',
		places: 'Places',
		cancelledBecause: (r) => `The event is cancelled: ${r}`,
		cancelledNoReason: 'The event is cancelled.',
		subscribeSent: 'Thank you! Check your inbox. You get a mail where you confirm your subscription. Nothing else comes until you have confirmed.',
		fixErrors: 'Please correct the fields below.',
		saved: 'Your choices are saved.',
		erased: 'Your subscription and everything we had stored about you is deleted.',
		tokenInvalid: 'The link does not work. Use the newest link from one of our mails.',
		tokenExpired: 'The link is too old. Subscribe again and we send you a new one.',
		status_pending: 'Waiting for your confirmation',
		status_confirmed: 'Active',
		status_unsubscribed: 'Unsubscribed',
		confirmErase: 'Press again to delete everything',
		'consent-subscribed': 'You subscribed',
		'consent-confirmed': 'You confirmed your subscription',
		'consent-subscribe-repeated': 'You asked to subscribe again',
		'consent-preferences-updated': 'You changed your choices',
		'consent-withdrawn': 'You unsubscribed',
	},
};

export function language() {
	const asked = new URLSearchParams(location.search).get('lang');
	if (asked === 'da' || asked === 'en') {
		return asked;
	}
	try {
		return localStorage.getItem('sammen.lang') === 'en' ? 'en' : 'da';
	}
	catch {
		return 'da';
	}
}

export function locale() {
	return language() === 'en' ? 'en-GB' : 'da-DK';
}

/** A text by key: English when chosen and translated, else the Danish of the dictionary. */
export function t(key, ...args) {
	const text = TEXTS[language()][key] ?? TEXTS.da[key] ?? key;
	return typeof text === 'function' ? text(...args) : text;
}

/** The label of a slug (programme-…, arena-…, target-…, access-…): the page's Danish option text or English. */
export function label(kind, slug) {
	if (language() === 'en' && TEXTS.en[`${kind}-${slug}`]) {
		return TEXTS.en[`${kind}-${slug}`];
	}
	return DANISH_LABELS[`${kind}-${slug}`] ?? slug;
}

const DANISH_LABELS = {
	'welcome-kom-alene': 'Kom alene – nogen tager imod dig',
	'welcome-bordvaert': 'Der er en bordvært',
	'welcome-foelgeskab': 'Følgeskab kan arrangeres',
	'programme-danmark-spiser-sammen': 'Danmark Spiser Sammen',
	'programme-vaer-en-som-raekker-ud': 'Vær en, som rækker ud',
	'programme-local-partnership': 'Lokale partnerskaber',
	'programme-other': 'Andet',
	'arena-hjem-og-bolig': 'Hjem og bolig',
	'arena-dagtilbud-skole-og-uddannelse': 'Dagtilbud, skole og uddannelse',
	'arena-fritid-og-faellesskaber': 'Fritid og fællesskaber',
	'arena-arbejdsliv-og-beskaeftigelse': 'Arbejdsliv og beskæftigelse',
	'arena-sundhed-og-pleje': 'Sundhed og pleje',
	'target-boern': 'Børn',
	'target-unge': 'Unge',
	'target-voksne': 'Voksne',
	'target-aeldre': 'Ældre',
	'target-paaroerende': 'Pårørende',
	'target-alle': 'Alle',
	'access-wheelchair': 'Adgang for kørestol',
	'access-step-free': 'Uden trin',
	'access-accessible-toilet': 'Handicaptoilet',
	'access-hearing-loop': 'Teleslynge',
	'access-sign-language': 'Tegnsprog',
	'access-guide-dogs-welcome': 'Førerhunde er velkomne',
	'access-quiet-room': 'Stille rum',
};

/** Puts the chosen language's texts into the page and wires the language button. */
export function setUpPage() {
	const lang = language();
	document.documentElement.lang = lang;
	if (lang === 'en') {
		for (const element of document.querySelectorAll('[data-i18n]')) {
			const text = TEXTS.en[element.dataset.i18n];
			if (typeof text === 'string') {
				element.textContent = text;
			}
		}
		for (const element of document.querySelectorAll('[data-i18n-aria-label]')) {
			const text = TEXTS.en[element.dataset.i18nAriaLabel];
			if (typeof text === 'string') {
				element.setAttribute('aria-label', text);
			}
		}
		const title = document.querySelector('meta[name="title-en"]');
		if (title) {
			document.title = title.content;
		}
	}
	const toggle = document.getElementById('lang-toggle');
	if (toggle) {
		toggle.textContent = lang === 'en' ? 'Dansk' : 'English';
		toggle.lang = lang === 'en' ? 'da' : 'en';
		toggle.addEventListener('click', () => {
			const next = lang === 'en' ? 'da' : 'en';
			try {
				localStorage.setItem('sammen.lang', next);
			}
			catch {
				// private mode: the query parameter below still carries the choice
			}
			const url = new URL(location.href);
			url.searchParams.set('lang', next);
			location.assign(url);
		});
	}
}

/** Builds an element; children are nodes or strings (always text, never HTML). */
export function el(tag, attributes = {}, ...children) {
	const element = document.createElement(tag);
	for (const [name, value] of Object.entries(attributes)) {
		if (value === false || value === null || value === undefined) {
			continue;
		}
		if (name === 'class') {
			element.className = value;
		}
		else if (name.startsWith('on')) {
			element.addEventListener(name.slice(2), value);
		}
		else {
			element.setAttribute(name, value === true ? '' : value);
		}
	}
	for (const child of children.flat()) {
		if (child !== null && child !== undefined && child !== false) {
			element.append(child instanceof Node ? child : String(child));
		}
	}
	return element;
}

/** An API answer as JSON; errors carry the status and the problem. */
export async function api(path, options = {}) {
	const response = await fetch(path, {
		...options,
		headers: { Accept: 'application/json', ...(options.headers ?? {}) },
	});
	if (response.status === 204) {
		return null;
	}
	const body = response.headers.get('Content-Type')?.includes('json') ? await response.json() : null;
	if (!response.ok) {
		const error = new Error(body?.detail ?? `HTTP ${response.status}`);
		error.status = response.status;
		error.problem = body;
		error.retryAfter = response.headers.get('Retry-After');
		throw error;
	}
	return body;
}

/** The plain-language message for a failed request. */
export function failure(error) {
	return error.status === 429 ? t('tooMany', error.retryAfter ?? 10) : t('failed');
}

export function formatWhen(startsAt, endsAt) {
	const start = new Date(startsAt);
	const day = new Intl.DateTimeFormat(locale(), {
		timeZone: ZONE, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric',
	}).format(start);
	const time = new Intl.DateTimeFormat(locale(), { timeZone: ZONE, hour: '2-digit', minute: '2-digit' });
	return endsAt ? `${day}, ${time.format(start)}–${time.format(new Date(endsAt))}` : `${day}, ${time.format(start)}`;
}

export function formatDay(date) {
	return new Intl.DateTimeFormat(locale(), { timeZone: ZONE, day: 'numeric', month: 'long', year: 'numeric' })
		.format(date);
}

/** The calendar date (YYYY-MM-DD) of an instant in Danish time. */
export function danishDate(instant) {
	return new Intl.DateTimeFormat('sv-SE', { timeZone: ZONE }).format(new Date(instant));
}

/** ISO 8601 week number of a calendar date given as YYYY-MM-DD. */
export function isoWeek(isoDate) {
	const date = new Date(`${isoDate}T00:00:00Z`);
	const thursday = new Date(date);
	thursday.setUTCDate(date.getUTCDate() + 3 - ((date.getUTCDay() + 6) % 7));
	const firstThursday = new Date(Date.UTC(thursday.getUTCFullYear(), 0, 4));
	return 1 + Math.round(((thursday - firstThursday) / 86400000 - 3 + ((firstThursday.getUTCDay() + 6) % 7)) / 7);
}

/** Danmark Spiser Sammen is in ISO weeks 17 and 45. */
export function isDsmWeek(week) {
	return week === 17 || week === 45;
}

/** The detail page of a feed item: ours for partner events, the activity's own page for campaign activities. */
export function itemHref(item) {
	if (item.kind === 'event') {
		return `/arrangement/${encodeURIComponent(item.id)}${language() === 'en' ? '?lang=en' : ''}`;
	}
	return item.url ?? null;
}

/** A badge row for an item: cancelled, programme, online. */
export function badges(item) {
	const list = el('span', { class: 'badges' });
	if (item.status === 'cancelled') {
		list.append(el('span', { class: 'badge badge-cancelled' }, t('cancelled')));
	}
	if (item.programme === 'danmark-spiser-sammen') {
		list.append(el('span', { class: 'badge badge-dsm' }, t('dsm')));
	}
	else if (item.kind === 'campaign-activity') {
		list.append(el('span', { class: 'badge' }, t('campaignActivity')));
	}
	return list;
}
