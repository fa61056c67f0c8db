/**
 * A real LDAP server over TCP for the LDAP sign-in suites (ldapjs's server on a loopback port):
 * a small directory of `inetOrgPerson` entries under `ou=people,dc=example,dc=org`. Simple binds
 * check the entry's `userPassword`; searches need a bound connection and evaluate the received
 * filter against each entry of the subtree, ignoring case as a directory does for names and ids. It records every bind name and
 * filter it received, so tests can see exactly what reached the wire.
 */
import ldap from "ldapjs";

/** The directory's suffix and the people's branch. */
export const SUFFIX = "dc=example,dc=org";
export const PEOPLE = `ou=people,${SUFFIX}`;

/** One person: their `uid`, password and other attributes. */
export interface Person {
  uid: string;
  password: string;
  attributes?: Record<string, string>;
}

/** A running directory. */
export interface DirectoryServer {
  port: number;
  /** Bind names and search filters received, in order. */
  binds: string[];
  filters: string[];
  /** Adds or replaces a person. */
  add(person: Person): void;
  close(): Promise<void>;
}

/** The DN of `uid` in the people branch (test uids need no escaping). */
export function personDn(uid: string): string {
  return `uid=${uid},${PEOPLE}`;
}

/** Starts the directory on a free loopback port (or `port`) with `people`. */
export async function startDirectory(
  people: Person[],
  { port = 0 }: { port?: number } = {},
): Promise<DirectoryServer> {
  const entries = new Map<string, { password: string; attributes: Record<string, string[]> }>();
  const binds: string[] = [], filters: string[] = [];
  const add = ({ uid, password, attributes = {} }: Person) => {
    const values: Record<string, string[]> = {
      objectClass: ["top", "person", "inetOrgPerson"],
      uid: [uid],
    };
    for (const [name, value] of Object.entries(attributes)) values[name] = [value];
    entries.set(personDn(uid).toLowerCase(), { password, attributes: values });
  };
  people.forEach(add);

  const server = ldap.createServer();
  server.bind(SUFFIX, (req: BindRequest, res: Done, next: Next) => {
    const dn = req.dn.toString();
    binds.push(dn);
    const entry = entries.get(dn.replace(/,\s+/g, ",").toLowerCase());
    if (!entry || entry.password !== req.credentials) {
      return next(new ldap.InvalidCredentialsError());
    }
    res.end();
    next();
  });
  server.search(SUFFIX, (req: SearchRequest, res: SearchResponse, next: Next) => {
    filters.push(req.filter.toString());
    const bound = req.connection.ldap.bindDN.toString();
    if (!bound || bound === "cn=anonymous") return next(new ldap.InsufficientAccessRightsError());
    const base = req.dn.toString().toLowerCase();
    // Directory matching rules for names and ids ignore case (caseIgnoreMatch).
    const folded = ldap.parseFilter(req.filter.toString().toLowerCase());
    const wanted = req.attributes.map((name: string) => name.toLowerCase());
    res.attributes = wanted; // ldapjs compares them with lowercased names
    for (const [dn, { attributes }] of entries) {
      if (!(dn === base || dn.endsWith(`,${base}`))) continue;
      if (!folded.matches(foldCase(attributes), false)) continue;
      const picked = Object.fromEntries(
        Object.entries(attributes).filter(([name]) =>
          wanted.length === 0 || wanted.includes(name.toLowerCase())
        ),
      );
      res.send({ dn, attributes: picked });
    }
    res.end();
    next();
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    port: server.port,
    binds,
    filters,
    add,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function foldCase(attributes: Record<string, string[]>): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(attributes).map((
      [name, values],
    ) => [name.toLowerCase(), values.map((value) => value.toLowerCase())]),
  );
}

/** The slice of ldapjs's request and response objects the handlers use. */
interface BindRequest {
  dn: { toString(): string };
  credentials: string;
}
interface SearchRequest {
  dn: { toString(): string };
  filter: { toString(): string; matches(attributes: unknown, strictCase: boolean): boolean };
  attributes: string[];
  connection: { ldap: { bindDN: { toString(): string } } };
}
interface Done {
  end(): void;
}
interface SearchResponse extends Done {
  send(entry: { dn: string; attributes: Record<string, string[]> }): void;
  attributes: string[];
}
type Next = (error?: unknown) => void;
