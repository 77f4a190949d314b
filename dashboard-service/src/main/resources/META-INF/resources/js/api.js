// Reads from the suite's REST APIs (the browser is their client; CORS admits the dashboard's origin).

/** The JSON body of a GET, or an error naming the status. */
export async function getJson(url) {
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
  return response.json();
}
