export default definePageConfig({ navigationBarTitleText: '困难帮扶审核', enablePageMeta: true });
