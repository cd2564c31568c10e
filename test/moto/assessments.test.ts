// The five bundled assessments graded through --endpoint-url against moto, each in its own emulator, all at once.
import { describeAssessmentsOnMoto, type AssessmentSpec } from "./support/assessment-suite.js";
import { cdk } from "./specs/cdk.js";
import { glueHard } from "./specs/glue-hard.js";
import { stedi } from "./specs/stedi.js";
import { terraform } from "./specs/terraform.js";
import { workshop } from "./specs/workshop.js";

describeAssessmentsOnMoto([glueHard, terraform, stedi, workshop, cdk] as AssessmentSpec[]);
