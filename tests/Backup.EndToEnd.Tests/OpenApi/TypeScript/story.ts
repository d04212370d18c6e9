// Built by TypeScriptClientTests after openapi-typescript has turned the service's document into generated/backups.d.ts:
// every step of the API through openapi-fetch, each error read as the documented ProblemResponse. The README's example.
import createClient from "openapi-fetch";
import type { components, paths } from "./generated/backups.js";

type Problem = components["schemas"]["ProblemResponse"];

const client = (baseUrl: string, authorization?: string) =>
  createClient<paths>({ baseUrl, headers: authorization ? { Authorization: authorization } : {} });

async function problem(step: string, call: Promise<{ error?: Problem; response: Response }>): Promise<string> {
  const { error, response } = await call;
  return error ? `${step}: ${response.status} ${error.message}` : `${step}: no error`;
}

export async function tell(baseUrl: string, id: number, key: string, readerKey: string, user: string, password: string) {
  const printed: string[] = [];
  const backups = client(baseUrl, `ApiKey ${key}`);
  const one = { params: { path: { backupId: id } } };

  const { data: created } = await backups.POST("/actuator/backups", { body: { backupId: id } });
  printed.push(`created ${created!.scheduledSnapshots.length} parts`);

  let backup = (await backups.GET("/actuator/backups/{backupId}", one)).data!;
  while (backup.state === "IN_PROGRESS") {
    await new Promise((resolve) => setTimeout(resolve, 100));
    backup = (await backups.GET("/actuator/backups/{backupId}", one)).data!;
  }
  printed.push(`state ${backup.state}`);

  const [listed] = (await backups.GET("/actuator/backups", { params: { query: { verbose: true, pattern: `${id}*` } } })).data!;
  const started = listed.details.every((d) => d.startTime !== null) ? "start times given" : "start times missing";
  printed.push(`listed ${listed.backupId} ${listed.state} with ${listed.details.length} parts, ${started}`);

  const [namesOnly] = (await backups.GET("/actuator/backups", { params: { query: { verbose: false, pattern: `${id}` } } })).data!;
  const times = namesOnly.details.every((d) => d.startTime === null) ? "no start times" : "start times";
  printed.push(`names-only ${namesOnly.backupId} ${namesOnly.state}, ${times}`);

  printed.push(await problem("again", backups.POST("/actuator/backups", { body: { backupId: id } })));
  printed.push(await problem("bad pattern", backups.GET("/actuator/backups", { params: { query: { pattern: "1*2" } } })));
  printed.push(await problem("unknown", backups.GET("/actuator/backups/{backupId}", { params: { path: { backupId: id + 1 } } })));
  const reader = client(baseUrl, `ApiKey ${readerKey}`);
  printed.push(await problem("reader creates", reader.POST("/actuator/backups", { body: { backupId: id + 1 } })));
  printed.push(await problem("no credentials", client(baseUrl).GET("/actuator/backups/{backupId}", one)));

  const { response: deleted } = await client(baseUrl, `Basic ${btoa(`${user}:${password}`)}`).DELETE("/actuator/backups/{backupId}", one);
  printed.push(deleted.status === 204 ? "deleted by basic user" : `delete: ${deleted.status}`);
  printed.push(await problem("after delete", backups.GET("/actuator/backups/{backupId}", one)));
  return printed;
}

export async function list(baseUrl: string, key: string) {
  return [await problem("list", client(baseUrl, `ApiKey ${key}`).GET("/actuator/backups"))];
}
