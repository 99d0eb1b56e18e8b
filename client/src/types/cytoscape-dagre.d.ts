// cytoscape-dagre 2.5 ships no types: a cytoscape extension registered with cytoscape.use().
declare module "cytoscape-dagre" {
  import type { Ext } from "cytoscape";
  const dagre: Ext;
  export default dagre;
}
