// The wire-level fake AWS endpoint for tests (issue #4): real SDK clients, real HTTP, answers from a test world.
import "./sdk-shim.js";

export { startFakeAws, type FakeAws, type FakeAwsOptions, type LoggedCall } from "./server.js";
export { type FaultKind, type FaultOptions } from "./faults.js";
export { serviceModel, SIGNING_NAMES, SERVICE_IDS, type ServiceModel } from "./sdk-models.js";
