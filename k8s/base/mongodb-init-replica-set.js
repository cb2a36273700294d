// Run by the Job mongodb-init-replica-set (mongosh --nodb). Members are mongodb-<i>.mongodb:27017,
// the StatefulSet's stable names, so the set's configuration survives pods being rescheduled.
const replicaSet = process.env.MONGODB_REPLICA_SET;
const members = Number(process.env.MONGODB_MEMBERS);
const hosts = Array.from({ length: members }, (_, i) => `mongodb-${i}.mongodb:27017`);

function waitFor(host) {
  for (;;) {
    try {
      const admin = connect(`mongodb://${host}/admin?directConnection=true`);
      admin.runCommand({ ping: 1 });
      return admin;
    } catch (e) {
      print(`waiting for ${host}: ${e.message}`);
      sleep(2000);
    }
  }
}

const first = waitFor(hosts[0]);
hosts.slice(1).forEach(waitFor);
let initiated;
try {
  initiated = first.runCommand({ replSetGetStatus: 1 }).ok === 1;
} catch (e) {
  // NotYetInitialized
  initiated = false;
}
if (initiated) {
  print(`replica set ${replicaSet} already initiated`);
} else {
  const result = first.runCommand({
    replSetInitiate: { _id: replicaSet, members: hosts.map((host, i) => ({ _id: i, host })) }
  });
  if (result.ok !== 1) {
    // the Job's pod fails and is retried
    throw new Error(`replSetInitiate failed: ${JSON.stringify(result)}`);
  }
  print(`replica set ${replicaSet} initiated with ${hosts.join(', ')}`);
}
