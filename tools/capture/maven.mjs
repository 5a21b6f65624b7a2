// Round 7: Maven, pointed at a repository on a port the capture opened (or closed a moment ago) inside the namespace.
// It is translated where the JVM's messages are (glibc's strerror), so it runs in the Java family's 9 locales (a JVM
// start costs seconds here). It writes only into temp dirs: its settings and an empty local repository.
import { join } from 'node:path'
import { family, captureClient, tempFiles, debianPackage, JAVA_LOCALES } from './lib.mjs'

const url = t => t.url.replace(/\/$/, '')
const project = files => tempFiles('cz-pm-', files)

await family(async () => {
  // A run killed before its summary printed only colour resets (its full accept queue outlasted the capture): no
  // [ERROR] line, no failure shown, not kept.
  await captureClient({ program: 'mvn', ecosystem: 'java', version: debianPackage('maven'), localeSet: JAVA_LOCALES,
    pick: s => (s.includes('[ERROR]') ? s : ''),
    how: 'mvn -B -q dependency:get (the plugin itself fetched through one mirror of everything at URL, connect and read timeouts 3000 ms), an empty local repository in a temp dir',
    cmd: t => {
      const dir = project({ 'settings.xml': `<settings><mirrors><mirror><id>lab</id><mirrorOf>*</mirrorOf><url>${url(t)}/maven2</url></mirror></mirrors>` +
        '<servers><server><id>lab</id><configuration><connectTimeout>3000</connectTimeout><readTimeout>3000</readTimeout></configuration></server></servers></settings>\n' })
      return ['mvn', ['-B', '-q', '-s', join(dir, 'settings.xml'), `-Dmaven.repo.local=${join(dir, 'repo')}`, '-Dmaven.wagon.http.retryHandler.count=0',
        '-Dmaven.wagon.http.ssl.insecure=true', '-Dmaven.wagon.http.ssl.allowall=true',
        'org.apache.maven.plugins:maven-dependency-plugin:3.6.0:get', '-Dartifact=junit:junit:4.13.2'], { cwd: dir, timeout: 20000 }]
    } })

})
