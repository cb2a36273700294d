// The newsletter preference fields the subscribe and manage pages share.
import { el, t } from './common.js';

export function readPreferences(form) {
	const checked = (name) => [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((input) => input.value);
	return {
		kommuner: checked('kommuner'),
		regions: checked('regions'),
		programmes: checked('programmes'),
		frequency: checked('frequency')[0] ?? 'weekly',
		language: checked('language')[0] ?? 'da',
	};
}

export function writePreferences(form, preferences) {
	for (const name of ['kommuner', 'regions', 'programmes']) {
		const values = new Set(preferences[name] ?? []);
		for (const input of form.querySelectorAll(`input[name="${name}"]`)) {
			input.checked = values.has(input.value);
			if (input.checked) {
				input.closest('details')?.setAttribute('open', '');
			}
		}
	}
	for (const name of ['frequency', 'language']) {
		for (const input of form.querySelectorAll(`input[name="${name}"]`)) {
			input.checked = input.value === preferences[name];
		}
	}
}

/** A problem's field errors next to their fields, and a summary in the message area. */
export function showProblem(form, message, problem) {
	for (const old of form.querySelectorAll('.error')) {
		old.textContent = '';
	}
	for (const input of form.querySelectorAll('[aria-invalid]')) {
		input.removeAttribute('aria-invalid');
	}
	const errors = problem?.errors ?? [];
	const list = el('ul', {});
	for (const error of errors) {
		const field = form.elements[error.field.replace(/\[.*$/, '')];
		const input = field instanceof RadioNodeList ? field[0] : field;
		const slot = input?.id ? document.getElementById(`${input.id}-error`) : null;
		if (slot) {
			slot.textContent = error.message;
			input.setAttribute('aria-invalid', 'true');
		}
		list.append(el('li', {}, `${error.field}: ${error.message}`));
	}
	message.replaceChildren(el('p', { class: 'notice' }, problem?.detail && !errors.length ? problem.detail : t('fixErrors')),
		errors.length ? list : '');
}
