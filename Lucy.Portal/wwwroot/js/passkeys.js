// Passkeys (WebAuthn) in the browser. The server makes the options and keeps the challenge; this file only hands them
// to the authenticator and the answer back. A module, because the CSP allows no inline script.

const supported = () =>
    typeof window.PublicKeyCredential === 'function' &&
    typeof PublicKeyCredential.parseCreationOptionsFromJSON === 'function' &&
    typeof PublicKeyCredential.parseRequestOptionsFromJSON === 'function';

// What went wrong, as a code: the page says it in the user's language (PasskeyBrowser, PasskeySignInForm).
function describe(error) {
    if (error?.name === 'NotAllowedError' || error?.name === 'AbortError') {
        return { error: 'cancelled' };
    }
    if (error?.name === 'InvalidStateError') {
        return { error: 'exists' };
    }
    if (error?.name === 'SecurityError') {
        return { error: 'address' };
    }
    return { error: 'failed', detail: error?.message ?? null };
}

const unsupported = { error: 'unsupported' };

// For live pages (.NET interop): { credential: json } or { error: code, detail }.
export async function createPasskey(optionsJson) {
    if (!supported()) {
        return unsupported;
    }
    try {
        const publicKey = PublicKeyCredential.parseCreationOptionsFromJSON(JSON.parse(optionsJson));
        const credential = await navigator.credentials.create({ publicKey });
        return { credential: JSON.stringify(credential) };
    } catch (error) {
        return describe(error);
    }
}

export async function getPasskey(optionsJson) {
    if (!supported()) {
        return unsupported;
    }
    try {
        const publicKey = PublicKeyCredential.parseRequestOptionsFromJSON(JSON.parse(optionsJson));
        const credential = await navigator.credentials.get({ publicKey });
        return { credential: JSON.stringify(credential) };
    } catch (error) {
        return describe(error);
    }
}

// "Sign in with a passkey" on the static login page: options from the server (the challenge travels in Identity's
// protected cookie), then the answer is posted with the form, so the sign-in cookie is set by a full page load.
async function signInWithPasskey(form) {
    const message = form.querySelector('[data-passkey-message]');
    const show = text => { message.textContent = text; message.hidden = !text; };
    // The form carries the messages in the page's language: data-message-<code>, {0} for the browser's detail.
    const say = (code, detail) => show((form.dataset['message' + code[0].toUpperCase() + code.slice(1)] ?? code)
        .replace('{0}', detail ?? form.dataset.messageUnknown ?? ''));
    show('');
    if (!supported()) {
        say(unsupported.error);
        return;
    }
    const token = form.querySelector('input[name="__RequestVerificationToken"]').value;
    let response;
    try {
        response = await fetch(form.dataset.optionsUrl, { method: 'POST', headers: { 'RequestVerificationToken': token }, credentials: 'same-origin' });
    } catch {
        say('unreachable');
        return;
    }
    if (!response.ok) {
        say(response.status === 429 ? 'busy' : 'unavailable');
        return;
    }
    const answer = await getPasskey(await response.text());
    if (answer.error) {
        say(answer.error, answer.detail);
        return;
    }
    form.querySelector('input[name="credential"]').value = answer.credential;
    form.submit();
}

// Once per page, even if the module is loaded under two URLs (the page's script tag and a live page's import).
if (!window.lucyPasskeySignInListening) {
    window.lucyPasskeySignInListening = true;
    document.addEventListener('submit', event => {
        const form = event.target;
        if (form instanceof HTMLFormElement && form.matches('form[data-passkey-signin]') && !form.querySelector('input[name="credential"]').value) {
            event.preventDefault();
            signInWithPasskey(form);
        }
    });
}
