import type express from 'express'

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/**
 * A refusal the app never got to see (the request was stopped at the door), as a
 * small page a person can read: what happened and what to do. No styles or
 * scripts: it must render under the strict CSP and without the build.
 */
export function refuse(res: express.Response, status: number, title: string, explanation: string) {
  if (res.headersSent) return
  res.status(status).type('html').set('Cache-Control', 'no-store').send(`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)} · KAP Fellowship</title></head>
<body>
<main>
<h1>${escape(title)}</h1>
<p>${escape(explanation)}</p>
<p><a href="/">Go to the start page</a></p>
</main>
</body>
</html>
`)
}
