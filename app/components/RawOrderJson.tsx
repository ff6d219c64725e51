import { BlockStack, Box, Button, Collapsible } from "@shopify/polaris";
import { useState } from "react";

/** The TikTok order exactly as stored, folded away until asked for. */
export function RawOrderJson({ json }: { json: string }) {
  const [open, setOpen] = useState(false);
  return (
    <BlockStack gap="200">
      <Box>
        <Button
          variant="plain"
          disclosure={open ? "up" : "down"}
          onClick={() => setOpen(!open)}
          ariaExpanded={open}
          ariaControls="raw-tiktok-order"
        >
          {open ? "Hide the TikTok order JSON" : "Show the TikTok order JSON"}
        </Button>
      </Box>
      <Collapsible open={open} id="raw-tiktok-order" transition={{ duration: "150ms" }}>
        <Box background="bg-surface-secondary" padding="300" borderRadius="200" overflowX="scroll">
          <pre style={{ margin: 0, fontSize: 12 }}>{json}</pre>
        </Box>
      </Collapsible>
    </BlockStack>
  );
}
