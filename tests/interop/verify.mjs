// Verifies requests Hookwatch sent with each platform's own library, not with Hookwatch's code:
//   node verify.mjs requests.json
// requests.json: [{ "profile": "github" | "standard-webhooks" | "stripe", "secret": "...",
//                   "headers": { "name": "value", ... }, "body": "<base64 of the exact bytes>" }, ...]
// Header names are matched case-insensitively. Prints one line per request; exits 1 if any fails.
import { readFileSync } from 'node:fs';
import { verify as verifyGitHub } from '@octokit/webhooks-methods';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import Stripe from 'stripe';

const stripe = new Stripe('sk_test_hookwatch_interop');

function lowerCased(headers) {
    return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

async function check(request) {
    const headers = lowerCased(request.headers);
    const body = Buffer.from(request.body, 'base64');
    switch (request.profile) {
    case 'github': {
        const signature = headers['x-hub-signature-256'];
        if (!signature)
            return 'no X-Hub-Signature-256 header';
        return (await verifyGitHub(request.secret, body.toString('utf8'), signature)) ? null : 'signature rejected';
    }
    case 'standard-webhooks':
        // Throws with the reason when the signature or the timestamp is not accepted.
        new StandardWebhook(request.secret).verify(body.toString('utf8'), headers);
        return null;
    case 'stripe':
        stripe.webhooks.constructEvent(body, headers['stripe-signature'], request.secret);
        return null;
    default:
        return `unknown profile ${request.profile}`;
    }
}

const requests = JSON.parse(readFileSync(process.argv[2], 'utf8'));
let failed = 0;
for (const [index, request] of requests.entries()) {
    let problem;
    try {
        problem = await check(request);
    } catch (error) {
        problem = String(error.message).split('\n')[0].trim();
    }
    console.log(`${index} ${request.profile}: ${problem ? 'FAILED: ' + problem : 'verified'}`);
    if (problem)
        ++failed;
}
console.log(`${requests.length - failed} of ${requests.length} verified`);
process.exit(failed > 0 || requests.length === 0 ? 1 : 0);
