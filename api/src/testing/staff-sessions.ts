import { sessionCookieName } from '../auth/authenticate.ts';

/** One GraphQL answer over HTTP, with the cookies the server set. */
export interface HttpGraphqlResult<TData = Record<string, unknown>> {
  status: number;
  body: {
    data?: TData | null;
    errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  };
  /** Every Set-Cookie header of the response, verbatim. */
  setCookies: string[];
}

/** POSTs one operation to `<url>/graphql` with `headers` (cookie, authorization, x-forwarded-for …). */
export async function requestGraphql<TData = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<HttpGraphqlResult<TData>> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  try {
    return {
      status: response.status,
      body: JSON.parse(text) as HttpGraphqlResult<TData>['body'],
      setCookies: response.headers.getSetCookie(),
    };
  } catch {
    throw new Error(`Expected JSON from /graphql, got ${response.status}: ${text.slice(0, 200)}`);
  }
}

/** The session cookie a response set, as a `cookie` request header value; undefined if none. */
export function sessionCookieOf(setCookies: readonly string[]): string | undefined {
  const cookie = setCookies.find((header) => header.startsWith(`${sessionCookieName}=`));
  const pair = cookie?.split(';')[0];
  return pair && pair !== `${sessionCookieName}=` ? pair : undefined;
}

export const loginMutation = `mutation Login($input: LoginInput!) {
  login(input: $input) {
    viewer { permissions staffMember { id name email roles } }
    userErrors { field message code }
  }
}`;

/** Signs in through the real `login` mutation; returns the answer and the cookie header to reuse. */
export async function signIn(
  url: string,
  email: string,
  password: string,
  headers: Record<string, string> = {},
): Promise<HttpGraphqlResult & { cookie: string | undefined }> {
  const result = await requestGraphql(url, loginMutation, { input: { email, password } }, headers);
  return { ...result, cookie: sessionCookieOf(result.setCookies) };
}

/** `extensions.code` of each error, for compact assertions. */
export function codesOf(result: HttpGraphqlResult): unknown[] {
  return (result.body.errors ?? []).map((error) => error.extensions?.code);
}
