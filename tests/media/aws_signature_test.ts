/**
 * SigV4 against the worked examples of AWS's S3 documentation ("Signature Calculations for the
 * Authorization Header: Transferring Payload in a Single Chunk"), whose signatures are published.
 */
import assert from "node:assert/strict";
import { EMPTY_PAYLOAD_HASH, sha256Hex, signRequest } from "../../src/media/aws_signature.ts";

const credentials = {
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  region: "us-east-1",
};
const when = new Date("2013-05-24T00:00:00Z");

Deno.test("SigV4 signs AWS's GET Object example (a Range header) as published", async () => {
  const headers = await signRequest(
    {
      method: "GET",
      url: new URL("https://examplebucket.s3.amazonaws.com/test.txt"),
      headers: { Range: "bytes=0-9" },
      payloadHash: EMPTY_PAYLOAD_HASH,
    },
    credentials,
    when,
  );
  assert.equal(
    headers.authorization,
    "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, " +
      "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, " +
      "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
  );
  assert.equal(headers["x-amz-date"], "20130524T000000Z");
});

Deno.test("SigV4 signs AWS's GET Bucket lifecycle example (a query) as published", async () => {
  const headers = await signRequest(
    {
      method: "GET",
      url: new URL("https://examplebucket.s3.amazonaws.com/?lifecycle="),
      headers: {},
      payloadHash: EMPTY_PAYLOAD_HASH,
    },
    credentials,
    when,
  );
  assert.match(
    headers.authorization!,
    /Signature=fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543$/,
  );
});

Deno.test("SigV4 signs AWS's PUT Object example (a key encoded, signed content)", async () => {
  const body = new TextEncoder().encode("Welcome to Amazon S3.");
  const headers = await signRequest(
    {
      method: "PUT",
      url: new URL("https://examplebucket.s3.amazonaws.com/test%24file.text"),
      headers: {
        Date: "Fri, 24 May 2013 00:00:00 GMT",
        "x-amz-storage-class": "REDUCED_REDUNDANCY",
      },
      payloadHash: await sha256Hex(body),
    },
    credentials,
    when,
  );
  assert.match(
    headers.authorization!,
    /Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd$/,
  );
});
