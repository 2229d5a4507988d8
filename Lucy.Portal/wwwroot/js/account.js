// Copy and download for the account pages. A module loaded with import(), because the CSP allows no inline script.

export async function copyText(text) {
    try {
        await navigator.clipboard.writeText(text);
        return true;
    } catch {
        // No clipboard (insecure context, permission refused): the page tells the user to copy by hand.
        return false;
    }
}

export function downloadText(fileName, text) {
    const url = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = fileName;
    link.style.display = "none";
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// The token prompt posts its sign-in grant with a full page load, so the grant never sits in a URL.
export function submitForm(form) {
    form.submit();
}
