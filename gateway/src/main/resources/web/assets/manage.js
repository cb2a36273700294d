// The manage link of every newsletter mail opens this page at /api/v1/subscriptions/me?token=…;
// the page reads and changes the same URL as JSON.
import { api, el, failure, setUpPage, t } from './common.js';
import { readPreferences, showProblem, writePreferences } from './preferences.js';

setUpPage();

const token = new URLSearchParams(location.search).get('token') ?? '';
const self = `/api/v1/subscriptions/me?token=${encodeURIComponent(token)}`;
const message = document.getElementById('message');
const form = document.getElementById('preferences');
const erase = document.getElementById('erase');

function tokenProblem(error) {
	if (error.status === 403 || error.status === 400) {
		return t('tokenInvalid');
	}
	return error.status === 410 ? t('tokenExpired') : failure(error);
}

function show(subscription) {
	document.getElementById('me-email').textContent = subscription.email;
	document.getElementById('me-status').textContent = t(`status_${subscription.status}`);
	writePreferences(form, subscription);
	const when = new Intl.DateTimeFormat(document.documentElement.lang === 'en' ? 'en-GB' : 'da-DK',
		{ dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Copenhagen' });
	document.getElementById('history').replaceChildren(...(subscription.consents ?? []).map((consent) =>
		el('li', {}, `${when.format(new Date(consent.at))}: ${t(`consent-${consent.action}`)}`)));
	document.getElementById('subscription').hidden = false;
}

form.addEventListener('submit', async (event) => {
	event.preventDefault();
	try {
		show(await api(self, {
			method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(readPreferences(form)),
		}));
		message.replaceChildren(el('p', { class: 'success' }, t('saved')));
	}
	catch (error) {
		if (error.status === 422) {
			showProblem(form, message, error.problem);
		}
		else {
			message.textContent = tokenProblem(error);
		}
	}
});

// two presses, so that nobody erases everything by a slip of the finger
erase.addEventListener('click', async () => {
	if (!erase.dataset.armed) {
		erase.dataset.armed = 'true';
		erase.textContent = t('confirmErase');
		return;
	}
	try {
		await api(self, { method: 'DELETE' });
		document.getElementById('subscription').hidden = true;
		message.replaceChildren(el('p', { class: 'success' }, t('erased')));
		document.getElementById('main').focus();
	}
	catch (error) {
		message.textContent = tokenProblem(error);
	}
});

try {
	show(await api(self));
	message.textContent = '';
}
catch (error) {
	message.textContent = tokenProblem(error);
}
