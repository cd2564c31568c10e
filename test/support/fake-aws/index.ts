// The wire-level fake AWS endpoint for tests (issue #4): real SDK clients, real HTTP, answers from a test world.
import "./sdk-shim.js";

/** Credentials for sessions and clients sent to the fake endpoint (it does not check signatures); no process.env edits. */
export const TEST_CREDENTIALS = { accessKeyId: "test", secretAccessKey: "test" } as const;
export { startFakeAws, type FakeAws, type FakeAwsOptions, type LoggedCall } from "./server.js";
export { type FaultKind, type FaultOptions } from "./faults.js";
export { serviceModel, SIGNING_NAMES, SERVICE_IDS, type ServiceModel } from "./sdk-models.js";
