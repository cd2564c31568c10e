// Imported first by the fake-endpoint tests: drops the SDK's NodeVersionSupportWarning (Node 20), as
// bin/glue-validate.js does for users, so test output stays readable.
//
// (It used to also redirect "@aws-sdk/region-config-resolver", which @aws-sdk/client-sts@3.1048.0 requires without
// declaring it; package.json now declares that package, so no redirect is needed.)
const emitWarning = process.emitWarning;
process.emitWarning = function (warning, ...rest) {
    if (String(warning).startsWith("NodeVersionSupportWarning"))
        return;
    return emitWarning.call(process, warning, ...rest);
};
export {};
