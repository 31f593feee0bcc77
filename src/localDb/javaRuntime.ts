/**
 * Finds the Java runtime DynamoDB Local needs, and says how to install one when there is none.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { AgentifyError } from '../common/errors';

export const JAVA_INSTALL_HINT =
  'Install a Java 17+ runtime (Debian/Ubuntu: `sudo apt-get install -y openjdk-17-jre-headless`; macOS: `brew ' +
  'install openjdk@17`) or set JAVA_HOME, then try again.';

/** The java executable to use: $JAVA_HOME/bin/java when set, else `java` from PATH. */
export function findJava(env: NodeJS.ProcessEnv = process.env): string {
  const candidate = env.JAVA_HOME ? path.join(env.JAVA_HOME, 'bin', 'java') : 'java';
  const probe = spawnSync(candidate, ['-version'], { encoding: 'utf8', env });
  if (probe.error || probe.status !== 0) {
    throw new AgentifyError(
      `The local DynamoDB server needs Java, but no Java runtime was found (tried "${candidate}"). ` +
        `${JAVA_INSTALL_HINT}`,
      {
        code: 'JavaMissing',
        cause: probe.error,
        hint: JAVA_INSTALL_HINT,
      },
    );
  }
  return candidate;
}
