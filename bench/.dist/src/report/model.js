// The report of one graded student: the one model every reporter reads (schema "glue-validate/report" v1).
export {};
