		throw new FetchError(`Premature close of server response while trying to fetch ${data.url}`);
