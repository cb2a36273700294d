// Subscribe: POST /api/v1/subscriptions answers 202 whatever the address's state, so the page
// always says the same thing: check your inbox.
import { api, failure, setUpPage, t, language } from './common.js';
import { readPreferences, showProblem } from './preferences.js';

setUpPage();

const form = document.getElementById('subscribe');
const message = document.getElementById('message');
if (language() === 'en') {
	form.querySelector('input[name="language"][value="en"]').checked = true;
}

form.addEventListener('submit', async (event) => {
	event.preventDefault();
	const email = form.elements.email;
	if (!email.checkValidity()) {
		showProblem(form, message, { errors: [{ field: 'email', message: email.validationMessage }] });
		email.focus();
		return;
	}
	const button = form.querySelector('button[type="submit"]');
	button.disabled = true;
	try {
		await api('/api/v1/subscriptions', {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ email: email.value.trim(), ...readPreferences(form) }),
		});
		form.hidden = true;
		message.replaceChildren(Object.assign(document.createElement('p'), { className: 'success', textContent: t('subscribeSent') }));
		document.getElementById('main').focus();
	}
	catch (error) {
		if (error.status === 400 || error.status === 422) {
			showProblem(form, message, error.problem);
		}
		else {
			message.textContent = failure(error);
		}
	}
	finally {
		button.disabled = false;
	}
});
