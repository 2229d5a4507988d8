// A form marked data-single-submit is posted once: a second click while the first post is on its way would abort it
// and post the same one-time code again (refused as used, or racing the first). A module: the CSP allows no inline script.
document.addEventListener('submit', event => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-single-submit')) {
        return;
    }
    if (form.dataset.submitting === 'true') {
        event.preventDefault();
        return;
    }
    form.dataset.submitting = 'true';
    form.setAttribute('aria-busy', 'true');
}, true);

// Back from the browser's cache (the back button), the form may be posted again.
window.addEventListener('pageshow', () => {
    for (const form of document.querySelectorAll('form[data-single-submit]')) {
        delete form.dataset.submitting;
        form.removeAttribute('aria-busy');
    }
});
