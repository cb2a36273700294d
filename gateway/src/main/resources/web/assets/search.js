// The search page: filters kept in the address (so a search can be shared), and the feed shown as
// a list, a month calendar or a map. The map is loaded only when asked for, and falls back to the
// list when its tiles cannot load.
import {
	api, badges, danishDate, el, failure, formatDay, formatWhen, isDsmWeek, isoWeek, itemHref, language,
	locale, setUpPage, t,
} from './common.js';

setUpPage();

const FILTERS = ['q', 'kommune', 'region', 'near', 'radiusKm', 'from', 'to', 'programme', 'arena', 'targetGroup',
	'online', 'free'];
const VIEWS = ['list', 'calendar', 'map'];
const form = document.getElementById('search');
const status = document.getElementById('status');
const results = document.getElementById('results');
const more = document.getElementById('more');
const assets = document.body.dataset.assets;

const state = { view: 'list', cursor: null, month: null, map: null, mapLayer: null, shown: new Set() };

function readAddress() {
	const params = new URLSearchParams(location.search);
	for (const name of FILTERS) {
		const field = form.elements[name];
		const value = params.get(name);
		if (value !== null) {
			if (field.type === 'checkbox') {
				field.checked = value === 'true';
			}
			else {
				field.value = value;
			}
		}
	}
	state.view = VIEWS.includes(params.get('view')) ? params.get('view') : 'list';
	state.month = /^\d{4}-\d{2}$/.test(params.get('month') ?? '') ? params.get('month') : null;
	showNear();
}

/** The feed's query for the form as it is. */
function filters() {
	const params = new URLSearchParams();
	for (const name of FILTERS) {
		const field = form.elements[name];
		if (field.type === 'checkbox') {
			if (field.checked) {
				params.set(name, 'true');
			}
		}
		else if (field.value && (name !== 'radiusKm' || form.elements.near.value)) {
			params.set(name, field.value);
		}
	}
	return params;
}

function writeAddress() {
	const params = filters();
	if (state.view !== 'list') {
		params.set('view', state.view);
	}
	if (state.view === 'calendar' && state.month) {
		params.set('month', state.month);
	}
	const lang = new URLSearchParams(location.search).get('lang');
	if (lang) {
		params.set('lang', lang);
	}
	history.replaceState(null, '', `${location.pathname}${params.size ? `?${params}` : ''}`);
	const query = filters().toString();
	document.getElementById('ics-link').href = `/api/v1/feed.ics${query ? `?${query}` : ''}`;
	document.getElementById('atom-link').href = `/api/v1/feed.atom${query ? `?${query}` : ''}`;
	writeEmbedCode();
}

function itemNode(item) {
	const href = itemHref(item);
	const title = href ? el('a', { href }, item.title) : item.title;
	const where = item.kommune?.name ?? t('online');
	return el('li', { class: `card${item.status === 'cancelled' ? ' cancelled' : ''}` },
		el('h3', {}, badges(item), ' ', el('span', { class: 'title' }, title)),
		el('p', { class: 'when' }, formatWhen(item.startsAt, item.endsAt)),
		el('p', { class: 'where' }, where));
}

function announce(page, count) {
	const notes = [count === 0 ? t('noResults') : t('results', count, Boolean(page.nextCursor))];
	if (page.partial) {
		notes.push(t('partial'));
	}
	status.textContent = notes.join(' ');
}

async function loadList(append = false) {
	const params = filters();
	params.set('limit', '20');
	if (append && state.cursor) {
		params.set('cursor', state.cursor);
	}
	status.textContent = t('loading');
	try {
		const page = await api(`/api/v1/feed?${params}`);
		if (!append) {
			results.replaceChildren();
		}
		const first = results.children.length;
		results.append(...page.items.map(itemNode));
		state.cursor = page.nextCursor;
		more.hidden = !page.nextCursor;
		announce(page, results.children.length);
		if (append && results.children[first]) {
			// keyboard users continue where the new items start
			results.children[first].querySelector('a')?.focus();
		}
	}
	catch (error) {
		status.textContent = failure(error);
	}
}

// ---- calendar

function currentMonth() {
	if (state.month) {
		return state.month;
	}
	const from = form.elements.from.value;
	return (from || danishDate(new Date())).slice(0, 7);
}

function shiftMonth(month, by) {
	const [year, number] = month.split('-').map(Number);
	const date = new Date(Date.UTC(year, number - 1 + by, 1));
	return date.toISOString().slice(0, 7);
}

async function loadCalendar() {
	const month = currentMonth();
	const [year, number] = month.split('-').map(Number);
	const days = new Date(Date.UTC(year, number, 0)).getUTCDate();
	const params = filters();
	params.set('from', `${month}-01`);
	params.set('to', `${month}-${String(days).padStart(2, '0')}`);
	params.set('limit', '100');
	const title = new Intl.DateTimeFormat(locale(), { month: 'long', year: 'numeric', timeZone: 'UTC' })
		.format(new Date(Date.UTC(year, number - 1, 1)));
	document.getElementById('month-title').textContent = title;
	status.textContent = t('loading');
	try {
		const items = [];
		let page = { nextCursor: null };
		// a month rarely holds more than a few hundred items; the calendar shows up to 300
		for (let pages = 0; pages < 3; pages++) {
			if (page.nextCursor) {
				params.set('cursor', page.nextCursor);
			}
			page = await api(`/api/v1/feed?${params}`);
			items.push(...page.items);
			if (!page.nextCursor) {
				break;
			}
		}
		renderCalendar(year, number, days, title, items);
		announce(page, items.length);
	}
	catch (error) {
		status.textContent = failure(error);
	}
}

function renderCalendar(year, month, days, title, items) {
	const byDay = new Map();
	for (const item of items) {
		const day = danishDate(item.startsAt);
		byDay.set(day, [...(byDay.get(day) ?? []), item]);
	}
	const weekdays = [];
	for (let i = 0; i < 7; i++) {
		// 2024-01-01 was a Monday
		const date = new Date(Date.UTC(2024, 0, 1 + i));
		weekdays.push(el('th', { scope: 'col' },
			el('abbr', { title: new Intl.DateTimeFormat(locale(), { weekday: 'long', timeZone: 'UTC' }).format(date) },
				new Intl.DateTimeFormat(locale(), { weekday: 'short', timeZone: 'UTC' }).format(date))));
	}
	const body = el('tbody');
	const offset = (new Date(Date.UTC(year, month - 1, 1)).getUTCDay() + 6) % 7;
	let row = null;
	for (let cell = 0; cell < offset + days; cell++) {
		if (cell % 7 === 0) {
			const firstDay = Math.max(1, cell - offset + 1);
			const iso = `${year}-${String(month).padStart(2, '0')}-${String(firstDay).padStart(2, '0')}`;
			const week = isoWeek(iso);
			const dsm = isDsmWeek(week);
			row = el('tr', { class: dsm ? 'dsm-week' : '' },
				el('th', { scope: 'row' }, t('weekN', week), dsm ? el('span', { class: 'badge badge-dsm' }, t('dsmWeek')) : ''));
			body.append(row);
		}
		if (cell < offset) {
			row.append(el('td', { class: 'empty' }));
			continue;
		}
		const day = cell - offset + 1;
		const iso = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
		const list = (byDay.get(iso) ?? []).map((item) => {
			const href = itemHref(item);
			const time = new Intl.DateTimeFormat(locale(), { timeZone: 'Europe/Copenhagen', hour: '2-digit', minute: '2-digit' })
				.format(new Date(item.startsAt));
			const text = [time, ' ', href ? el('a', { href }, item.title) : item.title];
			return el('li', { class: item.status === 'cancelled' ? 'cancelled' : '' },
				item.status === 'cancelled' ? [el('span', { class: 'badge badge-cancelled' }, t('cancelled')), ' '] : '', text);
		});
		row.append(el('td', {},
			el('span', { class: 'day' }, el('span', { class: 'visually-hidden' }, formatDay(new Date(`${iso}T12:00:00Z`))),
				el('span', { 'aria-hidden': 'true' }, String(day))),
			list.length ? el('ul', {}, list) : ''));
	}
	while (row && row.children.length < 8) {
		row.append(el('td', { class: 'empty' }));
	}
	document.getElementById('calendar').replaceChildren(el('table', {},
		el('caption', { class: 'visually-hidden' }, title),
		el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, t('week')), weekdays)), body));
}

// ---- map

function loadLeaflet() {
	if (window.L) {
		return Promise.resolve(window.L);
	}
	return new Promise((resolve, reject) => {
		document.head.append(el('link', { rel: 'stylesheet', href: `${assets}/leaflet/leaflet.css` }));
		const script = el('script', { src: `${assets}/leaflet/leaflet.js` });
		script.addEventListener('load', () => resolve(window.L));
		script.addEventListener('error', reject);
		document.head.append(script);
	});
}

async function loadMap() {
	const params = filters();
	params.set('limit', '100');
	status.textContent = t('loading');
	let feed;
	let list;
	try {
		// the JSON feed for the list the map falls back to, JSON-LD (same query) for the positions
		const [json, response] = await Promise.all([api(`/api/v1/feed?${params}`),
			fetch(`/api/v1/feed?${params}`, { headers: { Accept: 'application/ld+json' } })]);
		if (!response.ok) {
			throw Object.assign(new Error(), { status: response.status, retryAfter: response.headers.get('Retry-After') });
		}
		feed = json;
		list = await response.json();
	}
	catch (error) {
		status.textContent = failure(error);
		return;
	}
	const events = list.itemListElement.map((element) => element.item);
	const items = events.map(fromJsonLd);
	announce(feed, feed.items.length);
	fillFallback(feed.items);
	if (state.degraded) {
		return;
	}
	let L;
	try {
		L = await loadLeaflet();
	}
	catch {
		degrade();
		return;
	}
	if (!state.map) {
		createMap(L);
	}
	state.mapLayer.clearLayers();
	const points = [];
	let unplaced = 0;
	events.forEach((event, index) => {
		const geo = [event.location].flat().find((place) => place?.geo)?.geo;
		if (!geo) {
			unplaced++;
			return;
		}
		const item = items[index];
		const name = t('mapMarker', `${item.status === 'cancelled' ? `${t('cancelled')}: ` : ''}${item.title}`,
			formatWhen(item.startsAt, item.endsAt));
		const marker = L.marker([geo.latitude, geo.longitude], { title: name, alt: name, keyboard: true });
		const href = itemHref(item);
		marker.bindPopup(() => el('p', {}, href ? el('a', { href }, item.title) : item.title, el('br'),
			formatWhen(item.startsAt, item.endsAt)));
		marker.addTo(state.mapLayer);
		points.push([geo.latitude, geo.longitude]);
	});
	const note = document.getElementById('map-note');
	note.hidden = unplaced === 0;
	note.textContent = unplaced ? t('mapNoPosition', unplaced) : '';
	state.map.invalidateSize();
	if (points.length) {
		state.map.fitBounds(points, { maxZoom: 12, padding: [30, 30] });
	}
}

/** A JSON-LD Event back into the shape of a JSON feed item. */
function fromJsonLd(event) {
	const [, kind, id] = /^(event|campaign-activity)-(.+)@sammen\.dk$/.exec(event.identifier) ?? [];
	return {
		kind, id, title: event.name, startsAt: event.startDate, endsAt: event.endDate ?? null, url: event.url ?? null,
		status: event.eventStatus?.endsWith('EventCancelled') ? 'cancelled' : 'published',
		kommune: { name: [event.location].flat().find((place) => place?.address)?.address?.addressRegion ?? null },
	};
}

function createMap(L) {
	const body = document.body.dataset;
	state.map = L.map('map', { keyboard: true, scrollWheelZoom: false }).setView([56.0, 10.6], 7);
	state.map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
	const tiles = L.tileLayer(body.tileUrl, { attribution: body.tileAttribution, maxZoom: 18 });
	let loaded = 0;
	let failed = 0;
	tiles.on('tileload', () => loaded++);
	tiles.on('tileerror', () => {
		failed++;
		if (loaded === 0 && failed >= 3) {
			degrade();
		}
	});
	tiles.addTo(state.map);
	state.mapLayer = L.layerGroup().addTo(state.map);
	// no tile at all within a while (a tile server blocked without an error) is a failure too
	setTimeout(() => {
		if (loaded === 0) {
			degrade();
		}
	}, 8000);
}

function fillFallback(items) {
	const list = document.querySelector('#map-fallback .results');
	list.replaceChildren(...items.map(itemNode));
}

/** Without map tiles the markers float on nothing: show the same events as a list instead. */
function degrade() {
	if (state.degraded) {
		return;
	}
	state.degraded = true;
	document.getElementById('map').hidden = true;
	document.getElementById('map-note').hidden = true;
	document.getElementById('map-failed').textContent = t('mapFailed');
	document.getElementById('map-fallback').hidden = false;
}

// ---- views and the form

function show(view, focus = false) {
	state.view = VIEWS.includes(view) ? view : 'list';
	for (const name of VIEWS) {
		const tab = document.getElementById(`tab-${name}`);
		const selected = name === state.view;
		tab.setAttribute('aria-selected', String(selected));
		tab.tabIndex = selected ? 0 : -1;
		document.getElementById(`panel-${name}`).hidden = !selected;
		if (selected && focus) {
			tab.focus();
		}
	}
	writeAddress();
	return load();
}

function load() {
	if (state.view === 'calendar') {
		return loadCalendar();
	}
	if (state.view === 'map') {
		return loadMap();
	}
	return loadList();
}

document.querySelector('[role="tablist"]').addEventListener('keydown', (event) => {
	const index = VIEWS.indexOf(state.view);
	const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: VIEWS.length - 1 }[event.key];
	if (next !== undefined) {
		event.preventDefault();
		show(VIEWS[(next + VIEWS.length) % VIEWS.length], true);
	}
});
for (const view of VIEWS) {
	document.getElementById(`tab-${view}`).addEventListener('click', () => show(view));
}

form.addEventListener('submit', (event) => {
	event.preventDefault();
	state.month = null;
	writeAddress();
	load();
});
form.addEventListener('reset', () => {
	setTimeout(() => {
		form.elements.near.value = '';
		showNear();
		state.month = null;
		writeAddress();
		load();
	});
});
more.addEventListener('click', () => loadList(true));
document.getElementById('prev-month').addEventListener('click', () => {
	state.month = shiftMonth(currentMonth(), -1);
	writeAddress();
	loadCalendar();
});
document.getElementById('next-month').addEventListener('click', () => {
	state.month = shiftMonth(currentMonth(), 1);
	writeAddress();
	loadCalendar();
});

function showNear() {
	const using = Boolean(form.elements.near.value);
	document.getElementById('near-me').hidden = using;
	document.getElementById('near-clear').hidden = !using;
}

document.getElementById('near-me').addEventListener('click', () => {
	if (!navigator.geolocation) {
		status.textContent = t('nearMeFailed');
		return;
	}
	navigator.geolocation.getCurrentPosition((position) => {
		// four decimals are about 10 m: enough to search, and no more of the position than needed
		form.elements.near.value = `${position.coords.latitude.toFixed(4)},${position.coords.longitude.toFixed(4)}`;
		showNear();
		document.getElementById('near-clear').focus();
		status.textContent = t('nearMeUsing');
		form.requestSubmit();
	}, () => {
		status.textContent = t('nearMeFailed');
	}, { timeout: 10000, maximumAge: 600000 });
});
document.getElementById('near-clear').addEventListener('click', () => {
	form.elements.near.value = '';
	showNear();
	document.getElementById('near-me').focus();
	form.requestSubmit();
});

// ---- Danmark Spiser Sammen and the widget code

async function showDsmWeek() {
	try {
		const weeks = await api('/api/v1/programmes/danmark-spiser-sammen/weeks');
		const week = weeks.weeks?.[0];
		if (!week) {
			return;
		}
		const from = formatDay(new Date(`${week.monday}T12:00:00Z`));
		const to = formatDay(new Date(`${week.sunday}T12:00:00Z`));
		const banner = document.getElementById('dsm');
		banner.replaceChildren(el('p', {}, t('dsmBanner', week.week, from, to)), el('button', {
			type: 'button', class: 'secondary', onclick: () => {
				form.elements.programme.value = 'danmark-spiser-sammen';
				form.elements.from.value = week.monday;
				form.elements.to.value = week.sunday;
				form.requestSubmit();
			},
		}, t('dsmShow')));
		banner.hidden = false;
	}
	catch {
		// the banner is a bonus; the search works without it
	}
}

function writeEmbedCode() {
	const attributes = [`src="${location.origin}/widget.js"`];
	for (const [name, value] of filters()) {
		if (!['near', 'radiusKm', 'from', 'to'].includes(name)) {
			attributes.push(`data-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}="${value.replace(/"/g, '&quot;')}"`);
		}
	}
	if (language() === 'en') {
		attributes.push('data-lang="en"');
	}
	document.getElementById('embed-code').value = `<script ${attributes.join(' ')} async></script>`;
}

document.getElementById('copy-embed').addEventListener('click', async () => {
	const code = document.getElementById('embed-code');
	code.select();
	try {
		await navigator.clipboard.writeText(code.value);
		document.getElementById('copy-status').textContent = t('copied');
	}
	catch {
		// selected: the user can copy it by hand
	}
});

readAddress();
showDsmWeek();
show(state.view);
