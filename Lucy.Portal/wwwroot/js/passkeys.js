// Passkeys (WebAuthn) in the browser. The server makes the options and keeps the challenge; this file only hands them
// to the authenticator and the answer back. A module, because the CSP allows no inline script.

const supported = () =>
    typeof window.PublicKeyCredential === 'function' &&
    typeof PublicKeyCredential.parseCreationOptionsFromJSON === 'function' &&
    typeof PublicKeyCredential.parseRequestOptionsFromJSON === 'function';

function describe(error) {
    if (error?.name === 'NotAllowedError' || error?.name === 'AbortError') {
        return 'The passkey request was cancelled or timed out. Try again.';
    }
    if (error?.name === 'InvalidStateError') {
        return 'This device already holds a passkey for your account.';
    }
    if (error?.name === 'SecurityError') {
        return 'This address cannot use passkeys. Open the portal at its configured address (https, or http://localhost).';
    }
    return 'The passkey could not be used: ' + (error?.message ?? 'unknown error') + '.';
}

const unsupported = { error: 'This browser cannot use passkeys. Update it, or use another browser.' };

// For live pages (.NET interop): { credential: json } or { error: message }.
export async function createPasskey(optionsJson) {
    if (!supported()) {
        return unsupported;
    }
    try {
        const publicKey = PublicKeyCredential.parseCreationOptionsFromJSON(JSON.parse(optionsJson));
        const credential = await navigator.credentials.create({ publicKey });
        return { credential: JSON.stringify(credential) };
    } catch (error) {
        return { error: describe(error) };
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
        return { error: describe(error) };
    }
}

// "Sign in with a passkey" on the static login page: options from the server (the challenge travels in Identity's
// protected cookie), then the answer is posted with the form, so the sign-in cookie is set by a full page load.
async function signInWithPasskey(form) {
    const message = form.querySelector('[data-passkey-message]');
    const show = text => { message.textContent = text; message.hidden = !text; };
    show('');
    if (!supported()) {
        show(unsupported.error);
        return;
    }
    const token = form.querySelector('input[name="__RequestVerificationToken"]').value;
    let response;
    try {
        response = await fetch(form.dataset.optionsUrl, { method: 'POST', headers: { 'RequestVerificationToken': token }, credentials: 'same-origin' });
    } catch {
        show('The portal could not be reached. Try again.');
        return;
    }
    if (!response.ok) {
        show(response.status === 429 ? 'Too many sign-in attempts from your address. Wait a minute and try again.' : 'Passkey sign-in is not available right now.');
        return;
    }
    const answer = await getPasskey(await response.text());
    if (answer.error) {
        show(answer.error);
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
