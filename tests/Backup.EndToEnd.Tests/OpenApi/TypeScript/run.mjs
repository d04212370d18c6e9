// Runs one step of story.ts (after tsc has built it) and prints its lines as JSON: tell <url> <id> <key> <reader key> <user> <password> | list <url> <key>.
import { list, tell } from "./generated/story.js";

const [step, url, ...rest] = process.argv.slice(2);
const printed = step === "tell" ? await tell(url, Number(rest[0]), ...rest.slice(1)) : await list(url, rest[0]);
console.log(JSON.stringify(printed));
