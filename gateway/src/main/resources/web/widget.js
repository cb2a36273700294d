/*
 * Sammen's widget: the coming events of a kommune, region or programme on any website.
 *
 *   <script src="https://sammen.dk/widget.js" data-kommune="0661" data-programme="danmark-spiser-sammen" async></script>
 *
 * Filters are the feed's (data-kommune, data-region, data-programme, data-campaign, data-arena,
 * data-target-group, data-free, data-online, data-q), plus data-limit (1-20, default 5),
 * data-lang (da or en) and data-target (a CSS selector of the element to render into; by default
 * just before the script). It renders into a shadow root, so the host page's styles and scripts
 * and the widget's cannot disturb each other; font and colour are inherited from the host. No
 * cookies, no tracking: it reads the public feed and nothing else.
 */
(() => {
	'use strict';
	const script = document.currentScript;
	if (!script) {
		return;
	}
	const origin = new URL(script.src).origin;
	const data = script.dataset;
	const lang = data.lang === 'en' ? 'en' : 'da';
	const texts = {
		da: { heading: 'Arrangementer', none: 'Ingen kommende arrangementer lige nu.', failed: 'Arrangementerne kunne ikke hentes.', cancelled: 'Aflyst', all: 'Se alle arrangementer på Sammen' },
		en: { heading: 'Events', none: 'No coming events just now.', failed: 'The events could not be loaded.', cancelled: 'Cancelled', all: 'See all events on Sammen' },
	}[lang];
	const filters = ['kommune', 'region', 'programme', 'campaign', 'arena', 'targetGroup', 'free', 'online', 'q'];
	const query = new URLSearchParams();
	for (const name of filters) {
		for (const value of (data[name] ?? '').split(',').map((v) => v.trim()).filter(Boolean)) {
			query.append(name, value);
		}
	}
	const limit = Math.min(20, Math.max(1, Number.parseInt(data.limit ?? '5', 10) || 5));

	const host = document.createElement('div');
	host.className = 'sammen-widget';
	const target = data.target ? document.querySelector(data.target) : null;
	if (target) {
		target.append(host);
	}
	else {
		script.before(host);
	}
	const root = host.attachShadow({ mode: 'open' });
	const css = `
		:host { display: block; font: inherit; color: inherit; line-height: 1.45; }
		section { border: 1px solid currentColor; border-radius: .5rem; padding: .75rem 1rem; }
		h2 { font-size: 1.15em; margin: 0 0 .5rem; }
		ol { list-style: none; margin: 0; padding: 0; }
		li { padding: .5rem 0; border-top: 1px solid rgba(127,127,127,.4); }
		li:first-child { border-top: 0; }
		a { color: inherit; text-decoration: underline; text-underline-offset: .15em; }
		a:focus-visible { outline: 3px solid #1d4ed8; outline-offset: 2px; border-radius: 2px; }
		.when, .where { display: block; font-size: .9em; }
		.cancelled .title { text-decoration: line-through; }
		.badge { display: inline-block; font-size: .8em; font-weight: 700; padding: 0 .35em; border-radius: .25em; background: #8a1020; color: #fff; margin-right: .35em; }
		.all { display: inline-block; margin-top: .5rem; font-size: .9em; }`;
	if ('adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
		// a constructed sheet is not inline CSS, so a host page's strict CSP does not block it
		const sheet = new CSSStyleSheet();
		sheet.replaceSync(css);
		root.adoptedStyleSheets = [sheet];
	}
	else {
		const style = document.createElement('style');
		style.textContent = css;
		root.append(style);
	}
	const make = (tag, className, text) => {
		const element = document.createElement(tag);
		if (className) {
			element.className = className;
		}
		if (text !== undefined) {
			element.textContent = text;
		}
		return element;
	};
	const section = make('section');
	section.setAttribute('lang', lang);
	const headingId = `sammen-widget-${Math.random().toString(36).slice(2)}`;
	const heading = make('h2', '', data.heading || texts.heading);
	heading.id = headingId;
	section.setAttribute('aria-labelledby', headingId);
	const status = make('p', '', '');
	status.setAttribute('role', 'status');
	section.append(heading, status);
	root.append(section);

	const when = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'da-DK', {
		timeZone: 'Europe/Copenhagen', weekday: 'short', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit',
	});
	const page = (path) => `${origin}${path}${lang === 'en' ? `${path.includes('?') ? '&' : '?'}lang=en` : ''}`;
	query.set('limit', String(limit));
	fetch(`${origin}/api/v1/feed?${query}`, { headers: { Accept: 'application/json' }, credentials: 'omit' })
		.then((response) => (response.ok ? response.json() : Promise.reject(new Error(String(response.status)))))
		.then((feed) => {
			if (!feed.items.length) {
				status.textContent = texts.none;
				return;
			}
			status.remove();
			const list = make('ol');
			for (const item of feed.items) {
				const entry = make('li', item.status === 'cancelled' ? 'cancelled' : '');
				if (item.status === 'cancelled') {
					entry.append(make('span', 'badge', texts.cancelled));
				}
				const href = item.kind === 'event' ? page(`/arrangement/${encodeURIComponent(item.id)}`) : item.url;
				const title = href ? make('a', 'title', item.title) : make('span', 'title', item.title);
				if (href) {
					title.href = href;
					title.target = '_top';
				}
				entry.append(title, make('span', 'when', when.format(new Date(item.startsAt))));
				if (item.kommune && item.kommune.name) {
					entry.append(make('span', 'where', item.kommune.name));
				}
				list.append(entry);
			}
			const all = make('a', 'all', texts.all);
			all.href = page(`/?${new URLSearchParams([...query].filter(([name]) => name !== 'limit'))}`);
			all.target = '_top';
			section.append(list, all);
		})
		.catch(() => {
			status.textContent = texts.failed;
		});
})();
