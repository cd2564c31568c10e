import { z } from "zod";
import { rubricSchema, criterionSchema, expectationSchema } from "../../src/rubric/schema.js";
console.log(Object.keys((criterionSchema as any).shape ?? {}));
const js = z.toJSONSchema(rubricSchema, { io: "input", unrepresentable: "any" });
console.log(JSON.stringify(js).slice(0, 1500));
console.log(Object.keys((js as any).$defs ?? {}));
