// Imported first by the fake-endpoint tests, scripts and bench: turns off the AWS SDK's notice that its releases after
// January 2027 need Node 22 (printed once per process on Node 20), with the SDK's own switch — the one
// bin/glue-validate.js sets for users — so test output stays readable. vitest.config.ts sets it for every test too.
//
// (It used to also redirect "@aws-sdk/region-config-resolver", which @aws-sdk/client-sts@3.1048.0 requires without
// declaring it; package.json now declares that package, so no redirect is needed.)
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

export {};
