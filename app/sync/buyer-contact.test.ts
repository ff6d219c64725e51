import { describe, expect, it } from "vitest";
import { buildRecipientAddress } from "../../test/factories/tiktok-order";
import { buyerContactFrom, usableEmail, usablePhone } from "./buyer-contact";

describe("buyer contact for Shopify", () => {
  it("keeps a masked name as text", () => {
    const contact = buyerContactFrom(
      buildRecipientAddress({ name: "A*** F***i", first_name: "A*** F***i", last_name: "" }),
    );
    expect(contact.shippingAddress).toMatchObject({ lastName: "A*** F***i" });
    expect(contact.shippingAddress?.firstName).toBeUndefined();
  });

  it("leaves out a masked phone number", () => {
    expect(usablePhone("(+60)113*****36")).toBeUndefined();
    expect(
      buyerContactFrom(buildRecipientAddress({ phone_number: "(+1)213-***-1234" })).shippingAddress?.phone,
    ).toBeUndefined();
  });

  it("writes a full phone number in E.164", () => {
    expect(usablePhone("(+60)1134567836")).toBe("+601134567836");
    expect(usablePhone("(+1)213-555-0134")).toBe("+12135550134");
    expect(usablePhone("0123")).toBeUndefined();
  });

  it("leaves a masked postal code out of the address but keeps it for the merchant to see", () => {
    const contact = buyerContactFrom(buildRecipientAddress({ postal_code: "32***", region_code: "MY" }));
    expect(contact.shippingAddress?.zip).toBeUndefined();
    expect(contact.maskedPostalCode).toBe("32***");
  });

  it("uses TikTok's relay e-mail when it is a plain address, and nothing otherwise", () => {
    expect(usableEmail("v2b2V5@scs.tiktokw.us")).toBe("v2b2V5@scs.tiktokw.us");
    expect(usableEmail("v2b2V5@chat.seller.tiktok.com")).toBe("v2b2V5@chat.seller.tiktok.com");
    expect(usableEmail("b***@gmail.com")).toBeUndefined();
    expect(usableEmail("not an email")).toBeUndefined();
    expect(usableEmail(undefined)).toBeUndefined();
  });

  it("maps a US address with state code and city", () => {
    expect(buyerContactFrom(buildRecipientAddress()).shippingAddress).toEqual({
      firstName: "David",
      lastName: "Kong",
      address1: "1199 Coleman Ave",
      address2: "Suite 100",
      city: "San Jose",
      province: "California",
      provinceCode: "CA",
      zip: "95110",
      countryCode: "US",
      phone: "+12135550134",
    });
  });

  it("takes the city from the second district level outside the US", () => {
    const address = buildRecipientAddress({
      region_code: "MY",
      district_info: [
        { address_level: "L0", address_name: "Malaysia" },
        { address_level: "L1", address_name: "Selangor" },
        { address_level: "L2", address_name: "Petaling Jaya" },
      ],
    });
    expect(buyerContactFrom(address).shippingAddress).toMatchObject({
      city: "Petaling Jaya",
      province: "Selangor",
    });
  });

  it("writes the United Kingdom as GB and uses the post town as city", () => {
    const address = buildRecipientAddress({ region_code: "UK", post_town: "Ribbleton", district_info: [] });
    expect(buyerContactFrom(address).shippingAddress).toMatchObject({ countryCode: "GB", city: "Ribbleton" });
  });

  it("skips empty and repeated address lines", () => {
    const address = buildRecipientAddress({
      address_line1: "5800 Bristol Pkwy",
      address_detail: "5800 Bristol Pkwy",
      address_line2: "Suite 100",
      address_line3: '""',
      address_line4: "",
    });
    expect(buyerContactFrom(address).shippingAddress).toMatchObject({
      address1: "5800 Bristol Pkwy",
      address2: "Suite 100",
    });
  });

  it("gives no address while TikTok withholds it", () => {
    expect(buyerContactFrom(undefined)).toEqual({});
  });
});
