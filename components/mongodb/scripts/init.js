// Creates pyos's user in each of pyos's databases. The image's entrypoint runs this once, when the data volume is
// empty, with mongosh against a temporary standalone mongod, right after it created the root user
// (/docker-entrypoint-initdb.d). pyos connects to each database with `authSource=<database>`, so its user must
// exist in every one of them, not in admin only.
//
// Inputs: the files of Secret secret-mongodb, mounted at /etc/abcdesktop (ABCDESKTOP_MONGODB_SECRETS elsewhere):
//   MONGO_DBS_LIST      database names, comma-separated
//   MONGO_USERS_LIST    entries `user:role[,role...]:password`, separated by ';'
//   admin/MONGO_ROOT_USERNAME, admin/MONGO_ROOT_PASSWORD
// A user that already exists in a database is left as it is, so running it twice changes nothing.
const fs = require("fs");

const secretsDir = process.env.ABCDESKTOP_MONGODB_SECRETS || "/etc/abcdesktop";
const read = (name) => fs.readFileSync(`${secretsDir}/${name}`, "utf8").trim();
const listOf = (text, separator) =>
    text
        .split(separator)
        .map((item) => item.trim())
        .filter((item) => item !== "");

const users = listOf(read("MONGO_USERS_LIST"), ";").map((entry) => {
    const fields = entry.split(":");
    const [user = "", roles = ""] = fields;
    const password = fields.slice(2).join(":");
    if (!user || !roles || !password) {
        // The entry holds a password: the message names its user only.
        throw new Error(`MONGO_USERS_LIST: the entry of user "${user}" is not user:roles:password`);
    }
    return { user, password, roles: listOf(roles, ",") };
});
const databases = listOf(read("MONGO_DBS_LIST"), ",");

db.getSiblingDB("admin").auth(read("admin/MONGO_ROOT_USERNAME"), read("admin/MONGO_ROOT_PASSWORD"));

for (const name of databases) {
    const database = db.getSiblingDB(name);
    for (const { user, password, roles } of users) {
        if (database.getUser(user) !== null) {
            console.log(`init.js: user ${user} exists in ${name}; left as it is`);
            continue;
        }
        database.createUser({ user, pwd: password, roles: roles.map((role) => ({ role, db: name })) });
        console.log(`init.js: created user ${user} in ${name} with ${roles.join(", ")}`);
    }
}
console.log(`init.js: ${users.length} user(s) in ${databases.length} database(s)`);
