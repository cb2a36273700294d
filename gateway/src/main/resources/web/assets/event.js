// One partner event, from the public events API, with schema.org JSON-LD for search engines and an
// "add to calendar" link to the feed's .ics narrowed to this event.
import { api, el, failure, formatDay, formatWhen, label, language, locale, setUpPage, t } from './common.js';

setUpPage();

const status = document.getElementById('status');
const article = document.getElementById('event');
const id = decodeURIComponent(location.pathname.split('/').pop());

/** The feed's calendar for exactly this event's words, place, programme and time. */
function icsHref(event) {
	const params = new URLSearchParams({ q: event.title, programme: event.programme, from: event.startsAt, to: event.endsAt });
	if (event.location?.kommuneCode) {
		params.set('kommune', event.location.kommuneCode);
	}
	return `/api/v1/feed.ics?${params}`;
}

/** The little HTML events-service keeps (p br strong em b i ul ol li a), rebuilt element by element. */
function description(html) {
	const allowed = new Set(['P', 'BR', 'STRONG', 'EM', 'B', 'I', 'UL', 'OL', 'LI', 'A']);
	const source = new DOMParser().parseFromString(html, 'text/html').body;
	const copy = (node) => {
		if (node.nodeType === Node.TEXT_NODE) {
			return document.createTextNode(node.textContent);
		}
		if (node.nodeType !== Node.ELEMENT_NODE) {
			return null;
		}
		const children = [...node.childNodes].map(copy).filter(Boolean);
		if (!allowed.has(node.tagName)) {
			return children.length ? el('span', {}, children) : null;
		}
		const attributes = {};
		if (node.tagName === 'A' && /^https?:\/\//i.test(node.getAttribute('href') ?? '')) {
			attributes.href = node.getAttribute('href');
			attributes.rel = 'noopener noreferrer nofollow';
		}
		return el(node.tagName.toLowerCase(), attributes, children);
	};
	return el('div', { class: 'description' }, [...source.childNodes].map(copy).filter(Boolean));
}

const RRULE_DAYS = { MO: 1, TU: 2, WE: 3, TH: 4, FR: 5, SA: 6, SU: 0 };

const SCHEMA_DAYS = { MO: 'Monday', TU: 'Tuesday', WE: 'Wednesday', TH: 'Thursday', FR: 'Friday', SA: 'Saturday', SU: 'Sunday' };

function ruleParts(rrule) {
	return Object.fromEntries(rrule.split(';').map((part) => part.split('=')));
}

/** A weekday's name in the page's language: 2 January 2022 was a Sunday. */
function dayName(code) {
	return new Intl.DateTimeFormat(locale(), { weekday: 'long', timeZone: 'UTC' })
		.format(new Date(Date.UTC(2022, 0, 2 + RRULE_DAYS[code])));
}

function dateText(isoDate) {
	return formatDay(new Date(`${isoDate}T12:00:00Z`));
}

/** "Hver tirsdag", "Den sidste fredag i måneden", with the end of the series: read from the RRULE. */
function describeSchedule(schedule) {
	const parts = ruleParts(schedule.rrule);
	const interval = Number(parts.INTERVAL ?? 1);
	const days = (parts.BYDAY ?? '').split(',').filter(Boolean);
	const text = [];
	if (parts.FREQ === 'WEEKLY') {
		text.push(t('every', interval, t('unitWeek')), t('onDays', days.map((d) => dayName(d)).join(', ')));
	}
	else {
		text.push(t('every', interval, t('unitMonth')));
		days.forEach((d) => {
			const week = d.length > 2 ? Number(d.slice(0, -2)) : null;
			text.push(week ? t('onWeekOfMonth', week, dayName(d.slice(-2))) : t('onDays', dayName(d)));
		});
		if (parts.BYMONTHDAY) {
			text.push(t('onMonthDays', parts.BYMONTHDAY));
		}
	}
	if (schedule.until) {
		text.push(t('until', dateText(schedule.until)));
	}
	if (schedule.count) {
		text.push(`(${t('times', schedule.count)})`);
	}
	return text.join(' ');
}

function scheduleLd(schedule) {
	const parts = ruleParts(schedule.rrule);
	const days = (parts.BYDAY ?? '').split(',').filter(Boolean);
	const time = (instant) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen', hour: '2-digit', minute: '2-digit' }).format(new Date(instant));
	return {
		'@type': 'Schedule',
		repeatFrequency: `P${parts.INTERVAL ?? 1}${parts.FREQ === 'WEEKLY' ? 'W' : 'M'}`,
		byDay: days.length ? days.map((d) => `https://schema.org/${SCHEMA_DAYS[d.slice(-2)]}`) : undefined,
		byMonthDay: parts.BYMONTHDAY ? parts.BYMONTHDAY.split(',').map(Number) : undefined,
		startDate: schedule.firstStartsAt.slice(0, 10),
		endDate: schedule.seriesEndsAt ? schedule.seriesEndsAt.slice(0, 10) : undefined,
		startTime: time(schedule.firstStartsAt),
		endTime: time(schedule.firstEndsAt),
		repeatCount: schedule.count ?? undefined,
		scheduleTimezone: 'Europe/Copenhagen',
		exceptDate: [...schedule.exdates, ...schedule.cancelled.map((c) => c.date)].sort(),
	};
}

function jsonLd(event) {
	const place = event.location ? {
		'@type': 'Place',
		name: event.location.venue ?? undefined,
		address: {
			'@type': 'PostalAddress', streetAddress: event.location.street ?? undefined,
			postalCode: event.location.postalCode, addressLocality: event.location.city, addressCountry: 'DK',
		},
		geo: (event.location.lat != null) ? { '@type': 'GeoCoordinates', latitude: event.location.lat, longitude: event.location.lon } : undefined,
	} : null;
	const online = event.online ? { '@type': 'VirtualLocation', url: event.online.url } : null;
	const locations = [place, online].filter(Boolean);
	return {
		'@context': 'https://schema.org',
		'@type': 'Event',
		identifier: `event-${event.id}@sammen.dk`,
		name: event.title,
		description: new DOMParser().parseFromString(event.description, 'text/html').body.textContent.trim(),
		startDate: event.startsAt,
		endDate: event.endsAt,
		eventStatus: `https://schema.org/${event.status === 'cancelled' ? 'EventCancelled' : 'EventScheduled'}`,
		eventAttendanceMode: `https://schema.org/${place && online ? 'MixedEventAttendanceMode' : online ? 'OnlineEventAttendanceMode' : 'OfflineEventAttendanceMode'}`,
		location: locations.length === 1 ? locations[0] : locations,
		organizer: { '@type': 'Organization', name: event.organisationName },
		offers: (event.priceDkk != null) ? { '@type': 'Offer', price: event.priceDkk, priceCurrency: 'DKK', url: event.registrationUrl ?? undefined } : undefined,
		inLanguage: event.languages,
		eventSchedule: event.schedule ? scheduleLd(event.schedule) : undefined,
		url: location.href.split('?')[0],
	};
}

function fact(term, ...value) {
	return [el('dt', {}, term), el('dd', {}, ...value)];
}

function render(event) {
	const cancelled = event.status === 'cancelled';
	document.title = `${cancelled ? `${t('cancelled')}: ` : ''}${event.title} – Sammen`;
	const place = event.location
		? [event.location.venue, event.location.street, `${event.location.postalCode} ${event.location.city}`]
			.filter(Boolean).join(', ')
		: null;
	// how a newcomer is received answers the first question of someone who is lonely, so it comes first
	const welcome = [...(event.welcome ?? []).map((w) => label('welcome', w)), event.welcomeNote].filter(Boolean);
	const facts = [
		...(welcome.length ? fact(t('welcome_'), el('strong', { class: 'welcome' }, welcome.join('. '))) : []),
		...(event.transportNote ? fact(t('transport_'), event.transportNote) : []),
		...fact(t('when'), el('time', { datetime: event.startsAt }, event.schedule
			? t('firstTime', formatWhen(event.startsAt, event.endsAt)) : formatWhen(event.startsAt, event.endsAt))),
		...(event.schedule ? fact(t('repeats_'), el('span', { id: 'schedule' }, describeSchedule(event.schedule))) : []),
		...(event.schedule?.exdates.length ? fact(t('notOn_'), event.schedule.exdates.map(dateText).join(', ')) : []),
		...(event.schedule?.cancelled.length ? fact(t('calledOff_'), event.schedule.cancelled
			.map((c) => `${dateText(c.date)} (${c.reason})`).join(', ')) : []),
		...(place ? fact(t('where'), place) : []),
		...(event.online ? fact(t('online'), el('a', { href: event.online.url, rel: 'noopener noreferrer' }, t('joinOnline'))) : []),
		...fact(t('price_'), event.priceDkk ? t('price', event.priceDkk) : t('free')),
		...(event.targetGroups?.length ? fact(t('for_'), event.targetGroups.map((g) => label('target', g)).join(', ')) : []),
		...(event.arenas?.length ? fact(t('arenas_'), event.arenas.map((a) => label('arena', a)).join(', ')) : []),
		...(event.accessibility?.length ? fact(t('accessibility_'), event.accessibility.map((a) => label('access', a)).join(', ')) : []),
		...fact(t('organiser'), event.organisationName),
		...(event.capacity ? fact(t('places'), String(event.capacity)) : []),
	];
	article.replaceChildren(
		el('h1', {}, cancelled ? [el('span', { class: 'badge badge-cancelled' }, t('cancelled')), ' '] : '',
			el('span', { class: cancelled ? 'title cancelled-title' : 'title' }, event.title)),
		cancelled ? el('p', { class: 'notice', role: 'note' },
			event.cancellationReason ? t('cancelledBecause', event.cancellationReason) : t('cancelledNoReason')) : '',
		event.programme === 'danmark-spiser-sammen' ? el('p', {}, el('span', { class: 'badge badge-dsm' }, t('dsm'))) : '',
		el('dl', { class: 'facts' }, facts),
		description(event.description),
		el('p', { class: 'actions' },
			!cancelled && event.registrationUrl ? el('a', { class: 'button', href: event.registrationUrl, rel: 'noopener noreferrer' }, t('signUp')) : '',
			' ',
			el('a', { class: 'button secondary', id: 'ics', href: icsHref(event), download: `sammen-${event.id}.ics` }, t('addToCalendar'))));
	const data = el('script', { type: 'application/ld+json' });
	data.textContent = JSON.stringify(jsonLd(event));
	document.head.append(data);
	article.hidden = false;
	status.textContent = '';
}

if (language() === 'en') {
	document.getElementById('back').href = '/?lang=en';
}
try {
	render(await api(`/api/v1/events/${encodeURIComponent(id)}`));
}
catch (error) {
	status.textContent = error.status === 404 ? t('notFound') : failure(error);
}
